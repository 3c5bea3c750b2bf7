#include "ui/lens_strip.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace vitlens::ui {
namespace {

constexpr int kMargin = 8;

}  // namespace

LensStrip::LensStrip(QWidget* parent) : QWidget(parent) {
  setToolTip(
      tr("Logit lens: what the model would predict if its blocks stopped after each layer (the final norm and head "
         "applied there). Where the top class settles is where the model makes up its mind."));
}

void LensStrip::setLayers(const QVector<LensEntry>& layers) {
  layers_ = layers;
  updateGeometry();
  update();
}

void LensStrip::clear() { setLayers({}); }

// Rows follow the font, so presentation mode's larger text never overlaps.
int LensStrip::rowHeight() const { return std::max(18, fontMetrics().height() + 4); }

void LensStrip::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) updateGeometry();
  QWidget::changeEvent(event);
}

QSize LensStrip::sizeHint() const { return {280, kMargin * 2 + rowHeight() * (1 + std::max(1, layerCount()))}; }
QSize LensStrip::minimumSizeHint() const { return {160, kMargin * 2 + rowHeight() * 2}; }

void LensStrip::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QPalette& pal = palette();
  painter.setPen(pal.color(QPalette::PlaceholderText));
  const QFontMetrics metrics(font());
  const QString title =
      layers_.isEmpty() ? tr("Logit lens: open an image") : tr("Logit lens: the top class after each layer");
  painter.drawText(QRect(kMargin, kMargin, width() - 2 * kMargin, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter,
                   metrics.elidedText(title, Qt::ElideRight, width() - 2 * kMargin));
  const int labelWidth = metrics.horizontalAdvance(QStringLiteral("L00")) + 6;
  const int valueWidth = metrics.horizontalAdvance(QStringLiteral("100 %")) + 6;
  int y = kMargin + rowHeight();
  for (int i = 0; i < layers_.size(); ++i) {
    const LensEntry& e = layers_[i];
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(QRect(kMargin, y, labelWidth, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("L%1").arg(i));
    const int barLeft = kMargin + labelWidth;
    const int barMax = std::max(10, width() - barLeft - valueWidth - kMargin);
    const double share = std::clamp(e.probability, 0.0, 1.0);
    painter.fillRect(QRectF(barLeft, y + 3, barMax, rowHeight() - 6), pal.color(QPalette::Midlight));
    // The last layer's class is the prediction; earlier layers that already agree share its colour.
    const bool agrees = e.label == layers_.back().label;
    painter.fillRect(QRectF(barLeft, y + 3, std::max(2.0, barMax * share), rowHeight() - 6),
                     agrees ? QColor(230, 110, 30) : QColor(150, 150, 160));
    painter.drawText(QRect(barLeft + 4, y, barMax - 8, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(e.label, Qt::ElideRight, barMax - 8));
    painter.drawText(QRect(barLeft + barMax + 4, y, valueWidth, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("%1 %").arg(e.probability * 100.0, 0, 'f', 0));
    y += rowHeight();
  }
}

}  // namespace vitlens::ui
