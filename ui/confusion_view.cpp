#include "ui/confusion_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vitlens::ui {
namespace {

constexpr int kLabelWidth = 118;  // true-class names and accuracies
constexpr int kLabelHeight = 86;  // predicted-class names, rotated

// White through blue to a deep navy: the share of a row, 0..1.
QColor shareColour(double share) {
  const double t = std::clamp(share, 0.0, 1.0);
  const auto mix = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * std::pow(t, 0.7))); };
  return QColor(mix(247, 8), mix(251, 48), mix(255, 107));
}

}  // namespace

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setToolTip(
      tr("Rows: the true class (with its accuracy); columns: what the model predicted. A cell's colour is "
         "its share of the row. Click a cell to list its images."));
}

void ConfusionView::setMatrix(const ConfusionMatrix& matrix, const std::vector<int64_t>& classes) {
  matrix_ = matrix;
  classes_ = classes;
  selectedTruth_ = selectedPredicted_ = -1;
  updateGeometry();
  update();
}

void ConfusionView::clear() { setMatrix(ConfusionMatrix({}), {}); }

void ConfusionView::setSelected(int64_t truth, int64_t predicted) {
  selectedTruth_ = truth;
  selectedPredicted_ = predicted;
  update();
}

ConfusionView::Geometry ConfusionView::geometry(QSize size) const {
  Geometry g;
  const int n = static_cast<int>(classes_.size());
  if (n == 0) return g;
  g.left = kLabelWidth;
  g.top = kLabelHeight;
  g.cell = std::max(4.0, std::min((size.width() - g.left - 4.0) / n, (size.height() - g.top - 4.0) / n));
  return g;
}

QPoint ConfusionView::cellCenter(int64_t truth, int64_t predicted) const {
  const auto row = std::find(classes_.begin(), classes_.end(), truth) - classes_.begin();
  const auto column = std::find(classes_.begin(), classes_.end(), predicted) - classes_.begin();
  if (row >= static_cast<long>(classes_.size()) || column >= static_cast<long>(classes_.size())) return {-1, -1};
  const Geometry g = geometry(size());
  return QPointF(g.left + (static_cast<double>(column) + 0.5) * g.cell,
                 g.top + (static_cast<double>(row) + 0.5) * g.cell)
      .toPoint();
}

bool ConfusionView::cellAt(QPoint pos, int& row, int& column) const {
  const Geometry g = geometry(size());
  if (g.cell <= 0) return false;
  const double x = (pos.x() - g.left) / g.cell, y = (pos.y() - g.top) / g.cell;
  const int n = static_cast<int>(classes_.size());
  if (x < 0 || y < 0 || x >= n || y >= n) return false;
  column = static_cast<int>(x);
  row = static_cast<int>(y);
  return true;
}

void ConfusionView::paint(QPainter& painter, QSize size) const {
  painter.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
  if (classes_.empty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("File › Evaluate Folder… runs the model on a folder of class sub-folders"));
    return;
  }
  const Geometry g = geometry(size);
  const int n = static_cast<int>(classes_.size());
  QFont font = painter.font();
  font.setPointSizeF(std::clamp(g.cell / 3.2, 6.0, 11.0));
  painter.setFont(font);
  const QFontMetricsF metrics(font);
  const QColor text = palette().color(QPalette::WindowText);
  for (int r = 0; r < n; ++r) {
    const int64_t truth = classes_[static_cast<size_t>(r)];
    const int64_t rowTotal = matrix_.rowTotal(truth);
    // The true class and its accuracy, on the left.
    painter.setPen(text);
    const QString name = QString::fromStdString(matrix_.labels()[static_cast<size_t>(truth)]);
    const QString label = QStringLiteral("%1 %2 %").arg(name).arg(100.0 * matrix_.classAccuracy(truth), 0, 'f', 0);
    painter.drawText(QRectF(0, g.top + r * g.cell, kLabelWidth - 6, g.cell), Qt::AlignRight | Qt::AlignVCenter,
                     metrics.elidedText(label, Qt::ElideMiddle, kLabelWidth - 8));
    for (int c = 0; c < n; ++c) {
      const int64_t predicted = classes_[static_cast<size_t>(c)];
      const int64_t count = matrix_.count(truth, predicted);
      const double share = rowTotal > 0 ? static_cast<double>(count) / static_cast<double>(rowTotal) : 0.0;
      const QRectF cell(g.left + c * g.cell, g.top + r * g.cell, g.cell - 1, g.cell - 1);
      painter.fillRect(cell, shareColour(share));
      if (g.cell >= 16 && count > 0) {
        painter.setPen(share > 0.45 ? QColor(255, 255, 255) : QColor(20, 30, 60));
        painter.drawText(cell, Qt::AlignCenter, QString::number(count));
      }
      if (truth == selectedTruth_ && predicted == selectedPredicted_) {
        painter.save();
        painter.setPen(QPen(QColor(255, 170, 0), 3));
        painter.drawRect(cell.adjusted(1, 1, -1, -1));
        painter.restore();
      }
    }
  }
  // Predicted classes on top, rotated to read bottom-up.
  painter.setPen(text);
  for (int c = 0; c < n; ++c) {
    const QString name =
        QString::fromStdString(matrix_.labels()[static_cast<size_t>(classes_[static_cast<size_t>(c)])]);
    painter.save();
    painter.translate(g.left + (c + 0.5) * g.cell, g.top - 6);
    painter.rotate(-90);
    painter.drawText(QRectF(0, -g.cell / 2, kLabelHeight - 10, g.cell), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(name, Qt::ElideRight, kLabelHeight - 12));
    painter.restore();
  }
}

QImage ConfusionView::renderImage() const {
  const int n = std::max(1, static_cast<int>(classes_.size()));
  QImage image(kLabelWidth + n * 44 + 6, kLabelHeight + n * 44 + 6, QImage::Format_RGB32);
  QPainter painter(&image);
  paint(painter, image.size());
  return image;
}

void ConfusionView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  paint(painter, size());
}

void ConfusionView::mouseReleaseEvent(QMouseEvent* event) {
  int row = 0, column = 0;
  if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), row, column)) {
    setSelected(classes_[static_cast<size_t>(row)], classes_[static_cast<size_t>(column)]);
    Q_EMIT cellClicked(classes_[static_cast<size_t>(row)], classes_[static_cast<size_t>(column)]);
  }
}

void ConfusionView::mouseMoveEvent(QMouseEvent* event) {
  int row = 0, column = 0;
  setCursor(cellAt(event->position().toPoint(), row, column) ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

}  // namespace vitlens::ui
