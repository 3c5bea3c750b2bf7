#include "ui/heads_grid.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace vitlens::ui {
namespace {

constexpr double kGap = 3.0;
// Tiles take all the room the dock gives them, stretched at most this far from square: a patch grid drawn a little
// wider still reads as the image, much wider would mislead.
constexpr double kMaxStretch = 1.6;

// The label gutters at this font: "L23" on the left, "h15" on top, whatever the UI scale.
QSizeF labelSpace(const QFont& font, int layers) {
  QFont bold = font;  // the selected tile's labels are bold: room for the wider of the two
  bold.setBold(true);
  const QFontMetricsF metrics(bold);
  const double width = metrics.horizontalAdvance(QStringLiteral("L%1").arg(std::max(10, layers - 1))) + 8.0;
  return {width, metrics.height() + 4.0};
}

// "h7" above a head's column, or just "7" where the columns are too narrow for the letter.
QString headLabel(int head, double cellWidth, const QFontMetricsF& metrics) {
  const QString full = QStringLiteral("h%1").arg(head);
  return metrics.horizontalAdvance(full) <= cellWidth ? full : QString::number(head);
}

}  // namespace

HeadsGrid::HeadsGrid(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setToolTip(
      tr("Every layer's heads, each seen from the current query. Click a tile to show it large; Ctrl+click "
         "switches the head off (ablation) and shows what the model predicts without it."));
}

void HeadsGrid::setTiles(const QVector<QImage>& tiles, int layers, int heads) {
  tiles_ = tiles;
  layers_ = layers;
  heads_ = heads;
  updateGeometry();
  update();
}

void HeadsGrid::setSelected(int layer, int head) {
  selectedLayer_ = layer;
  selectedHead_ = head;
  update();
}

void HeadsGrid::clear() { setTiles({}, 0, 0); }

QSize HeadsGrid::sizeHint() const {
  const QSizeF labels = labelSpace(font(), layers_);
  return {static_cast<int>(labels.width()) + std::max(1, heads_) * 72,
          static_cast<int>(labels.height()) + std::max(1, layers_) * 72};
}

HeadsGrid::Geometry HeadsGrid::geometry(QSize size) const {
  Geometry g;
  const QSizeF labels = labelSpace(font(), layers_);
  g.labelWidth = labels.width();
  g.labelHeight = labels.height();
  if (layers_ == 0 || heads_ == 0) return g;
  double cellW = std::max(4.0, (size.width() - g.labelWidth) / static_cast<double>(heads_));
  double cellH = std::max(4.0, (size.height() - g.labelHeight) / static_cast<double>(layers_));
  cellW = std::min(cellW, cellH * kMaxStretch);
  cellH = std::min(cellH, cellW * kMaxStretch);
  g.cellWidth = cellW;
  g.cellHeight = cellH;
  g.left = g.labelWidth + std::max(0.0, (size.width() - g.labelWidth - cellW * heads_) / 2.0);
  g.top = g.labelHeight;
  return g;
}

QPoint HeadsGrid::tileCenter(int layer, int head) const {
  const Geometry g = geometry(size());
  return QPoint(static_cast<int>(g.left + (head + 0.5) * g.cellWidth),
                static_cast<int>(g.top + (layer + 0.5) * g.cellHeight));
}

bool HeadsGrid::tileAt(QPoint pos, int& layer, int& head) const {
  const Geometry g = geometry(size());
  if (g.cellWidth <= 0) return false;
  const double x = (pos.x() - g.left) / g.cellWidth;
  const double y = (pos.y() - g.top) / g.cellHeight;
  if (x < 0 || y < 0 || x >= heads_ || y >= layers_) return false;
  head = static_cast<int>(x);
  layer = static_cast<int>(y);
  return true;
}

void HeadsGrid::paint(QPainter& painter, QSize size) const {
  painter.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
  if (tiles_.isEmpty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("Open an image to see every head"));
    return;
  }
  const Geometry g = geometry(size);
  painter.setRenderHint(QPainter::SmoothPixmapTransform);
  // The labels at the widget's own font, never shrunk to the tiles (they were 7 pt on ViT-B/16's 12 x 12); the
  // selected tile's layer and head stand out in the highlight colour.
  const QColor text = palette().color(QPalette::WindowText);
  const QColor accent(230, 150, 0);
  QFont plain = painter.font();
  QFont bold = plain;
  bold.setBold(true);
  for (int head = 0; head < heads_; ++head) {
    const bool selected = head == selectedHead_;
    painter.setFont(selected ? bold : plain);
    painter.setPen(selected ? accent : text);
    painter.drawText(QRectF(g.left + head * g.cellWidth, 0, g.cellWidth, g.labelHeight), Qt::AlignCenter,
                     headLabel(head, g.cellWidth, QFontMetricsF(bold)));
  }
  for (int layer = 0; layer < layers_; ++layer) {
    const bool selected = layer == selectedLayer_ && selectedHead_ >= 0;
    painter.setFont(selected ? bold : plain);
    painter.setPen(selected ? accent : text);
    painter.drawText(QRectF(0, g.top + layer * g.cellHeight, g.labelWidth - 4, g.cellHeight),
                     Qt::AlignVCenter | Qt::AlignRight, QStringLiteral("L%1").arg(layer));
    painter.setFont(plain);
    painter.setPen(text);
    for (int head = 0; head < heads_; ++head) {
      const int index = layer * heads_ + head;
      if (index >= tiles_.size()) continue;
      const QImage& tile = tiles_[index];
      const QSizeF drawn(g.cellWidth - kGap, g.cellHeight - kGap);  // fills the cell (kMaxStretch bounds it)
      const QPointF origin(g.left + head * g.cellWidth + kGap / 2.0, g.top + layer * g.cellHeight + kGap / 2.0);
      painter.drawImage(QRectF(origin, drawn), tile);
      if (std::find(ablated_.begin(), ablated_.end(), std::make_pair(layer, head)) != ablated_.end()) {
        // Switched off: dimmed and crossed in red, readable on any tile.
        painter.save();
        painter.fillRect(QRectF(origin, drawn), QColor(0, 0, 0, 140));
        painter.setPen(QPen(QColor(230, 50, 40), std::max(2.0, drawn.width() / 14.0)));
        painter.drawLine(QRectF(origin, drawn).topLeft(), QRectF(origin, drawn).bottomRight());
        painter.drawLine(QRectF(origin, drawn).topRight(), QRectF(origin, drawn).bottomLeft());
        painter.restore();
      }
      if (static_cast<size_t>(index) < importance_.size()) paintImportance(painter, QRectF(origin, drawn), index);
      if (layer == selectedLayer_ && head == selectedHead_) {
        // Unmistakable on any tile and theme: a thick highlight frame over a dark one.
        painter.save();
        const double width = std::max(3.0, std::min(g.cellWidth, g.cellHeight) / 12.0);
        painter.setBrush(Qt::NoBrush);
        // Inside the tile (the labels beside it stay readable): the highlight at the edge, a dark line within.
        const QRectF outer = QRectF(origin, drawn).adjusted(width / 2, width / 2, -width / 2, -width / 2);
        painter.setPen(QPen(QColor(255, 200, 0), width));
        painter.drawRect(outer);
        painter.setPen(QPen(QColor(0, 0, 0, 200), 2.0));
        painter.drawRect(outer.adjusted(width / 2 + 1, width / 2 + 1, -width / 2 - 1, -width / 2 - 1));
        painter.restore();
      }
    }
  }
}

void HeadsGrid::paintImportance(QPainter& painter, const QRectF& tile, int index) const {
  float largest = 1e-6f;
  for (float d : importance_) largest = std::max(largest, std::abs(d));
  const float delta = importance_[static_cast<size_t>(index)];
  const double share = std::abs(delta) / largest;  // 0..1 of the largest change in the grid
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  if (share >= 0.02) {
    const QColor colour = delta < 0 ? QColor(235, 60, 45) : QColor(50, 130, 240);
    const double width = 1.5 + share * std::max(2.0, tile.width() / 12.0);
    painter.setPen(QPen(colour, width));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(tile.adjusted(width / 2, width / 2, -width / 2, -width / 2));
  }
  // The change in percentage points, on a dark pill in the tile's corner.
  QFont font = painter.font();
  font.setPointSizeF(std::max(6.0, tile.height() / 9.0));
  font.setBold(share >= 0.5);
  painter.setFont(font);
  const QString text = (delta > 0 ? QStringLiteral("+") : QString()) +
                       QString::number(100.0 * delta, 'f', std::abs(delta) >= 0.1f ? 0 : 1);
  const QFontMetricsF metrics(font);
  const QRectF pill(tile.left() + 3, tile.bottom() - metrics.height() - 3, metrics.horizontalAdvance(text) + 6,
                    metrics.height());
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(0, 0, 0, 170));
  painter.drawRoundedRect(pill, 3, 3);
  painter.setPen(QColor(245, 245, 245));
  painter.drawText(pill, Qt::AlignCenter, text);
  painter.restore();
}

void HeadsGrid::setImportance(const std::vector<float>& delta, const QString& className) {
  importance_ = delta;
  importanceClass_ = className;
  setToolTip(delta.empty() ? QString()
                           : tr("Head importance for “%1”: the change in its probability, in percentage points, when "
                                "each head alone is switched off. Red: the class needs the head; blue: it does better "
                                "without it. Measured on the image as it is, with no head or patch changed.")
                                 .arg(className));
  update();
}

void HeadsGrid::setAblated(const std::vector<std::pair<int, int>>& heads) {
  ablated_ = heads;
  update();
}

QImage HeadsGrid::renderImage() const {
  // 100 px per tile whatever the widget's size, so exports are legible.
  const QSizeF labels = labelSpace(font(), layers_);
  const QSize hint(static_cast<int>(labels.width()) + std::max(1, heads_) * 100,
                   static_cast<int>(labels.height()) + std::max(1, layers_) * 100);
  QImage image(hint, QImage::Format_RGB32);  // exactly the tiles and labels: no empty margin
  QPainter painter(&image);
  paint(painter, image.size());
  return image;
}

void HeadsGrid::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  paint(painter, size());
}

void HeadsGrid::mouseReleaseEvent(QMouseEvent* event) {
  int layer = 0;
  int head = 0;
  if (event->button() == Qt::LeftButton && tileAt(event->position().toPoint(), layer, head)) {
    if (event->modifiers() & Qt::ControlModifier) {
      Q_EMIT ablationToggled(layer, head);
    } else {
      Q_EMIT tileClicked(layer, head);
    }
  }
}

void HeadsGrid::setTileValues(const std::vector<cv::Mat>& maps) { values_ = maps; }

QString HeadsGrid::tileToolTip(QPoint pos) const {
  int layer = 0;
  int head = 0;
  if (!tileAt(pos, layer, head)) return {};
  QString text = tr("Layer %1, head %2").arg(layer).arg(head);
  const size_t index = static_cast<size_t>(layer * heads_ + head);
  if (index < values_.size() && !values_[index].empty()) {
    // Which patch of the tile the pointer is over, in the tile map's own grid.
    const cv::Mat& map = values_[index];
    const Geometry g = geometry(size());
    const double fx = (pos.x() - g.left - head * g.cellWidth - kGap / 2.0) / (g.cellWidth - kGap);
    const double fy = (pos.y() - g.top - layer * g.cellHeight - kGap / 2.0) / (g.cellHeight - kGap);
    const int col = std::clamp(static_cast<int>(fx * map.cols), 0, map.cols - 1);
    const int row = std::clamp(static_cast<int>(fy * map.rows), 0, map.rows - 1);
    const float value = map.at<float>(row, col);
    text += std::isnan(value) ? tr(" · patch %1 (row %2, col %3): dropped").arg(row * map.cols + col).arg(row).arg(col)
                              : tr(" · patch %1 (row %2, col %3): %4")
                                    .arg(row * map.cols + col)
                                    .arg(row)
                                    .arg(col)
                                    .arg(static_cast<double>(value), 0, 'f', 4);
  }
  if (std::find(ablated_.begin(), ablated_.end(), std::make_pair(layer, head)) != ablated_.end()) {
    text += tr(" · switched off (Ctrl+click to switch it on)");
  }
  return text;
}

QStringList HeadsGrid::clippedLabels() const {
  QStringList clipped;
  const Geometry g = geometry(size());
  if (g.cellWidth <= 0) return clipped;
  QFont bold = font();
  bold.setBold(true);
  const QFontMetricsF metrics(bold);  // the selected label is bold: the widest case
  for (int head = 0; head < heads_; ++head) {
    const QString label = headLabel(head, g.cellWidth, metrics);
    if (metrics.horizontalAdvance(label) > g.cellWidth || metrics.height() > g.labelHeight) clipped << label;
  }
  for (int layer = 0; layer < layers_; ++layer) {
    const QString label = QStringLiteral("L%1").arg(layer);
    if (metrics.horizontalAdvance(label) > g.labelWidth - 4 || metrics.height() > g.cellHeight + kGap) clipped << label;
  }
  return clipped;
}

bool HeadsGrid::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString tip = tileToolTip(help->pos());
    if (!tip.isEmpty()) {
      QToolTip::showText(help->globalPos(), tip, this);
      return true;
    }
  }
  return QWidget::event(event);
}

void HeadsGrid::mouseMoveEvent(QMouseEvent* event) {
  int layer = 0;
  int head = 0;
  setCursor(tileAt(event->position().toPoint(), layer, head) ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

}  // namespace vitlens::ui
