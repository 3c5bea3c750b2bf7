#include "ui/heads_grid.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vitlens::ui {
namespace {

constexpr int kLabelWidth = 34;   // room for "L11" on the left
constexpr int kLabelHeight = 18;  // room for "h11" on top
constexpr double kGap = 3.0;

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
  return {kLabelWidth + std::max(1, heads_) * 72, kLabelHeight + std::max(1, layers_) * 72};
}

HeadsGrid::Geometry HeadsGrid::geometry(QSize size) const {
  Geometry g;
  if (layers_ == 0 || heads_ == 0) return g;
  const double cellW = (size.width() - kLabelWidth) / static_cast<double>(heads_);
  const double cellH = (size.height() - kLabelHeight) / static_cast<double>(layers_);
  g.cell = std::max(4.0, std::min(cellW, cellH));
  g.left = kLabelWidth + std::max(0.0, (size.width() - kLabelWidth - g.cell * heads_) / 2.0);
  g.top = kLabelHeight;
  return g;
}

QPoint HeadsGrid::tileCenter(int layer, int head) const {
  const Geometry g = geometry(size());
  return QPoint(static_cast<int>(g.left + (head + 0.5) * g.cell), static_cast<int>(g.top + (layer + 0.5) * g.cell));
}

bool HeadsGrid::tileAt(QPoint pos, int& layer, int& head) const {
  const Geometry g = geometry(size());
  if (g.cell <= 0) return false;
  const double x = (pos.x() - g.left) / g.cell;
  const double y = (pos.y() - g.top) / g.cell;
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
  painter.setPen(palette().color(QPalette::WindowText));
  QFont font = painter.font();
  font.setPointSizeF(std::max(6.0, std::min(font.pointSizeF(), g.cell / 5.0)));
  painter.setFont(font);
  for (int head = 0; head < heads_; ++head) {
    painter.drawText(QRectF(g.left + head * g.cell, 0, g.cell, kLabelHeight), Qt::AlignCenter,
                     QStringLiteral("h%1").arg(head));
  }
  for (int layer = 0; layer < layers_; ++layer) {
    painter.drawText(QRectF(0, g.top + layer * g.cell, kLabelWidth - 4, g.cell), Qt::AlignVCenter | Qt::AlignRight,
                     QStringLiteral("L%1").arg(layer));
    for (int head = 0; head < heads_; ++head) {
      const int index = layer * heads_ + head;
      if (index >= tiles_.size()) continue;
      const QImage& tile = tiles_[index];
      const double inner = g.cell - kGap;
      const double scale = inner / std::max(tile.width(), tile.height());
      const QSizeF drawn(tile.width() * scale, tile.height() * scale);
      const QPointF origin(g.left + head * g.cell + (g.cell - drawn.width()) / 2.0,
                           g.top + layer * g.cell + (g.cell - drawn.height()) / 2.0);
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
        painter.save();
        painter.setPen(QPen(QColor(255, 200, 0), 3));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(origin, drawn).adjusted(-1, -1, 1, 1));
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
  const QSize hint(kLabelWidth + std::max(1, heads_) * 100, kLabelHeight + std::max(1, layers_) * 100);
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

void HeadsGrid::mouseMoveEvent(QMouseEvent* event) {
  int layer = 0;
  int head = 0;
  setCursor(tileAt(event->position().toPoint(), layer, head) ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

}  // namespace vitlens::ui
