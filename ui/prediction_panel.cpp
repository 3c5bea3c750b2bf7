#include "ui/prediction_panel.h"

#include <QEvent>

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vitlens::ui {
namespace {

constexpr int kMargin = 8;

}  // namespace

PredictionPanel::PredictionPanel(QWidget* parent) : QWidget(parent) {
  setToolTip(
      tr("The model's most likely classes for this image, with their softmax probabilities. Click a class to see "
         "why the model would choose it."));
  setMouseTracking(true);
}

void PredictionPanel::setChanged(const std::vector<float>& probabilities, const QString& what) {
  changed_ = probabilities;
  changedWhat_ = what;
  updateGeometry();
  update();
}

void PredictionPanel::setSelectedClass(int index) {
  selected_ = index;
  update();
}

QRect PredictionPanel::rowRect(int rank) const {
  const int top = kMargin + (warning_.isEmpty() ? 0 : rowHeight());
  return QRect(0, top + rank * rowHeight(), width(), rowHeight());
}

void PredictionPanel::mousePressEvent(QMouseEvent* event) {
  for (int i = 0; i < predictions_.size(); ++i) {
    if (rowRect(i).contains(event->pos()) && predictions_[i].index >= 0) {
      Q_EMIT classClicked(predictions_[i].index);
      return;
    }
  }
  QWidget::mousePressEvent(event);
}

void PredictionPanel::mouseMoveEvent(QMouseEvent* event) {
  bool overRow = false;
  for (int i = 0; i < predictions_.size(); ++i) overRow = overRow || rowRect(i).contains(event->pos());
  setCursor(overRow ? Qt::PointingHandCursor : Qt::ArrowCursor);
  QWidget::mouseMoveEvent(event);
}

void PredictionPanel::setPredictions(const QVector<Prediction>& predictions, const QString& device,
                                     double milliseconds) {
  predictions_ = predictions;
  footer_ = tr("%1 · %2 ms").arg(device.toUpper()).arg(milliseconds, 0, 'f', milliseconds < 10 ? 2 : 1);
  updateGeometry();
  update();
}

void PredictionPanel::setWarning(const QString& warning) {
  warning_ = warning;
  updateGeometry();
  update();
}

void PredictionPanel::setBusy(bool busy) {
  busy_ = busy;
  update();
}

void PredictionPanel::clear() {
  predictions_.clear();
  footer_.clear();
  update();
}

int PredictionPanel::rowHeight() const { return std::max(26, fontMetrics().height() + 10); }

void PredictionPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) updateGeometry();
  QWidget::changeEvent(event);
}

QSize PredictionPanel::sizeHint() const {
  return {280,
          kMargin * 2 +
              rowHeight() * (std::max<int>(5, static_cast<int>(predictions_.size())) + (warning_.isEmpty() ? 0 : 1)) +
              22};
}

QSize PredictionPanel::minimumSizeHint() const { return {180, kMargin * 2 + rowHeight() * 2 + 22}; }

void PredictionPanel::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  if (predictions_.isEmpty()) {
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
                     busy_ ? tr("Classifying…")
                     : footer_.isEmpty()
                         ? tr("No image yet")
                         : tr("This model has no classifier head: it shows attention only.\n%1").arg(footer_));
    return;
  }
  QFont boldFont = font();
  boldFont.setBold(true);
  const QFontMetrics metrics(boldFont);  // the widest case: the top row is bold
  int labelWidth = 0;
  for (const Prediction& p : predictions_) labelWidth = std::max(labelWidth, metrics.horizontalAdvance(p.label));
  labelWidth = std::min(labelWidth + 8, width() / 2);
  const bool changed = !changed_.empty();
  // With a change, each row also says the class's new probability and the difference: "→ 12.3 % −45.5".
  const int valueWidth =
      metrics.horizontalAdvance(changed ? QStringLiteral("100.0 % → 100.0 % −100.0") : QStringLiteral("100.0 %")) + 6;
  const int barLeft = kMargin + labelWidth;
  const int barMax = std::max(10, width() - barLeft - valueWidth - kMargin);

  int y = kMargin;
  if (!warning_.isEmpty()) {
    // Where the prediction is read, not only in the status bar: these classes would otherwise look meaningful.
    QFont warningFont = painter.font();
    warningFont.setBold(true);
    painter.setFont(warningFont);
    painter.setPen(QColor(200, 40, 30));
    painter.drawText(QRect(kMargin, y, width() - 2 * kMargin, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(warningFont).elidedText(warning_, Qt::ElideRight, width() - 2 * kMargin));
    y += rowHeight();
  }
  const int explained = selected_ >= 0 ? selected_ : (predictions_.isEmpty() ? -1 : predictions_.front().index);
  for (int i = 0; i < predictions_.size(); ++i) {
    const Prediction& p = predictions_[i];
    if (selected_ >= 0 && p.index == explained) {
      // The class a "why this class" map explains: framed, so the overlay's caption and the bars agree.
      painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
      painter.setBrush(Qt::NoBrush);
      painter.drawRoundedRect(QRectF(2, y + 1, width() - 4, rowHeight() - 2), 4, 4);
    }
    const QRect labelRect(kMargin, y, labelWidth - 6, rowHeight());
    painter.setPen(pal.color(QPalette::WindowText));
    QFont font = painter.font();
    font.setBold(i == 0);
    painter.setFont(font);
    painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignRight,
                     metrics.elidedText(p.label, Qt::ElideRight, labelRect.width()));
    const QRectF track(barLeft, y + 5, barMax, rowHeight() - 10);
    painter.setPen(Qt::NoPen);
    painter.setBrush(pal.color(QPalette::Midlight));
    painter.drawRoundedRect(track, 3, 3);
    const QRectF bar(barLeft, y + 5, std::max(2.0, barMax * std::clamp(p.probability, 0.0, 1.0)), rowHeight() - 10);
    painter.setBrush(i == 0 ? QColor(230, 110, 30) : QColor(70, 130, 200));
    painter.drawRoundedRect(bar, 3, 3);
    painter.setPen(pal.color(QPalette::WindowText));
    const QRect valueRect(barLeft + barMax + 6, y, valueWidth, rowHeight());
    const QString value = QStringLiteral("%1 %").arg(p.probability * 100.0, 0, 'f', 1);
    painter.drawText(valueRect, Qt::AlignVCenter | Qt::AlignLeft, value);
    if (changed && p.index >= 0 && p.index < static_cast<int>(changed_.size())) {
      const double now = changed_[static_cast<size_t>(p.index)];
      const double delta = (now - p.probability) * 100.0;
      const QString after = QStringLiteral(" → %1 % %2%3")
                                .arg(now * 100.0, 0, 'f', 1)
                                .arg(delta >= 0 ? QStringLiteral("+") : QStringLiteral("−"))
                                .arg(std::abs(delta), 0, 'f', 1);
      painter.setPen(delta > 0.05    ? QColor(30, 140, 60)
                     : delta < -0.05 ? QColor(200, 40, 30)
                                     : pal.color(QPalette::PlaceholderText));
      painter.drawText(valueRect.adjusted(metrics.horizontalAdvance(value), 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       after);
    }
    y += rowHeight();
  }
  QFont font = painter.font();
  font.setBold(false);
  painter.setFont(font);
  painter.setPen(pal.color(QPalette::PlaceholderText));
  painter.drawText(QRect(kMargin, y + 2, width() - 2 * kMargin, 20), Qt::AlignLeft | Qt::AlignVCenter,
                   busy_     ? tr("Classifying…")
                   : changed ? footer_ + QStringLiteral(" · ") + changedWhat_
                             : footer_);
}

}  // namespace vitlens::ui
