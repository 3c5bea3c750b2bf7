#include "ui/image_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace vitlens::ui {
namespace {

constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 64.0;
constexpr double kZoomStep = 1.25;
constexpr double kDragThreshold = 4.0;  // pixels a press may move and still count as a click

}  // namespace

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(200, 150);
}

void ImageView::setImage(const QImage& image, const QSize& imageSize) {
  const QSize size = imageSize.isEmpty() ? image.size() : imageSize;
  const bool sameSize = !image_.isNull() && size == imageSize_;
  image_ = image;
  imageSize_ = size;
  if (!sameSize) {
    fit_ = true;
    zoom_ = fitZoom();
  }
  if (fit_) zoom_ = fitZoom();
  clampPan();
  update();
}

void ImageView::setPlaceholderText(const QString& text) {
  placeholder_ = text;
  update();
}

double ImageView::fitZoom() const {
  if (image_.isNull()) return 1.0;
  return std::clamp(
      std::min(static_cast<double>(width()) / imageSize_.width(), static_cast<double>(height()) / imageSize_.height()),
      kMinZoom, kMaxZoom);
}

void ImageView::zoomToFit() {
  fit_ = true;
  zoom_ = fitZoom();
  clampPan();
  update();
  Q_EMIT zoomChanged(zoom_);
}

void ImageView::zoomToActualSize() { setZoom(1.0, QPointF(width() / 2.0, height() / 2.0)); }
void ImageView::zoomIn() { setZoom(zoom_ * kZoomStep, QPointF(width() / 2.0, height() / 2.0)); }
void ImageView::zoomOut() { setZoom(zoom_ / kZoomStep, QPointF(width() / 2.0, height() / 2.0)); }

void ImageView::setZoom(double zoom, const QPointF& anchorWidgetPos) {
  if (image_.isNull()) return;
  const QPointF anchorImage = widgetToImage(anchorWidgetPos);
  fit_ = false;
  zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
  // Keep the image point under the anchor where it was.
  offset_ = anchorWidgetPos - anchorImage * zoom_;
  clampPan();
  update();
  Q_EMIT zoomChanged(zoom_);
}

QPointF ImageView::widgetToImage(const QPointF& widgetPos) const { return (widgetPos - offset_) / zoom_; }
QPointF ImageView::imageToWidget(const QPointF& imagePos) const { return imagePos * zoom_ + offset_; }

void ImageView::clampPan() {
  if (image_.isNull()) return;
  const double w = imageSize_.width() * zoom_;
  const double h = imageSize_.height() * zoom_;
  // A smaller-than-widget image is centred; a larger one may not be dragged past its edges.
  offset_.setX(w <= width() ? (width() - w) / 2.0 : std::clamp(offset_.x(), width() - w, 0.0));
  offset_.setY(h <= height() ? (height() - h) / 2.0 : std::clamp(offset_.y(), height() - h, 0.0));
}

void ImageView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor(38, 38, 42));
  if (image_.isNull()) {
    painter.setPen(QColor(200, 200, 200));
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    painter.setFont(font);
    painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
    return;
  }
  // Smooth when shrinking; crisp pixels when enlarging, so patches stay visible.
  const double screenScale = zoom_ * imageSize_.width() / std::max(1, image_.width());
  painter.setRenderHint(QPainter::SmoothPixmapTransform, screenScale < 1.0);
  const QRectF target(offset_, QSizeF(imageSize_.width() * zoom_, imageSize_.height() * zoom_));
  painter.drawImage(target, image_);
  drawDropped(painter);
  drawLines(painter);
  drawLegend(painter);
}

void ImageView::setPainting(bool painting) {
  painting_ = painting;
  stroking_ = false;
  if (painting) {
    setCursor(Qt::CrossCursor);
  } else {
    unsetCursor();
  }
}

void ImageView::drawDropped(QPainter& painter) const {
  const ViewLines& l = lines_;
  if (l.dropped.empty() || l.rows <= 0 || l.cols <= 0 || l.crop.isEmpty()) return;
  const QPointF origin = imageToWidget(l.crop.topLeft());
  const double cellW = l.crop.width() * zoom_ / l.cols;
  const double cellH = l.crop.height() * zoom_ / l.rows;
  // A dropped patch is not part of the model's input: covered in grey, hatched at screen resolution so the
  // stripes stay crisp at any zoom, never mistaken for a cold colour of the map.
  const double spacing = std::clamp(std::min(cellW, cellH) / 4.0, 5.0, 14.0);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  for (int patch : l.dropped) {
    if (patch < 0 || patch >= l.rows * l.cols) continue;
    const QRectF cell(origin.x() + (patch % l.cols) * cellW, origin.y() + (patch / l.cols) * cellH, cellW, cellH);
    painter.setClipRect(cell);
    painter.fillRect(cell, QColor(48, 48, 52, 205));
    painter.setPen(QPen(QColor(210, 210, 210, 220), 1.5));
    for (double d = -cell.height(); d < cell.width(); d += spacing) {
      painter.drawLine(QPointF(cell.left() + d, cell.bottom()), QPointF(cell.left() + d + cell.height(), cell.top()));
    }
  }
  painter.restore();
}

void ImageView::setLegend(const ViewLegend& legend) {
  legend_ = legend;
  update();
}

void ImageView::setLegendScale(double scale) {
  legendScale_ = scale;
  update();
}

QRect ImageView::captionRect() const {
  if (legend_.caption.isEmpty()) return {};
  QFont font = this->font();
  font.setPointSizeF(font.pointSizeF() * legendScale_);
  const QFontMetrics metrics(font);
  const int margin = static_cast<int>(8 * legendScale_);
  // Wrapped rather than cut: a long caption at presentation size takes a second line.
  const QRect text =
      metrics.boundingRect(QRect(0, 0, std::max(1, width() - 4 * margin), 10000), Qt::TextWordWrap, legend_.caption);
  return QRect(margin, margin, text.width() + 2 * margin, text.height() + margin);
}

void ImageView::drawLegend(QPainter& painter) const {
  const int margin = static_cast<int>(8 * legendScale_);
  painter.setRenderHint(QPainter::Antialiasing);
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * legendScale_);
  painter.setFont(font);
  const QFontMetrics metrics(font);
  const QColor panel(20, 20, 24, 190);
  if (!legend_.caption.isEmpty()) {
    const QRect box = captionRect();
    painter.setPen(Qt::NoPen);
    painter.setBrush(panel);
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(QColor(240, 240, 240));
    painter.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, legend_.caption);
  }
  if (!legend_.ramp.isNull()) {
    // The map's raw range: a heat map is normalised to its own minimum and maximum, so the numbers say what
    // the brightest and darkest colours stand for (and, for a signed map such as occlusion, where zero lies).
    const QString low = QString::number(legend_.minimum, 'g', 3);
    const QString high = QString::number(legend_.maximum, 'g', 3);
    const int barWidth = static_cast<int>(160 * legendScale_);
    const int barHeight = static_cast<int>(12 * legendScale_);
    const int textWidth = metrics.horizontalAdvance(low) + metrics.horizontalAdvance(high) + 2 * margin;
    const QRect box(margin, height() - margin - barHeight - metrics.height() - 2 * margin,
                    std::max(barWidth, textWidth) + 2 * margin, barHeight + metrics.height() + 2 * margin);
    painter.setPen(Qt::NoPen);
    painter.setBrush(panel);
    painter.drawRoundedRect(box, 4, 4);
    const QRect bar(box.left() + margin, box.top() + margin, box.width() - 2 * margin, barHeight);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(bar, legend_.ramp);
    painter.setPen(QColor(240, 240, 240));
    const QRect labels(bar.left(), bar.bottom() + 2, bar.width(), metrics.height());
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, low);
    painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, high);
  }
}

void ImageView::setLines(const ViewLines& lines) {
  lines_ = lines;
  update();
}

void ImageView::drawLines(QPainter& painter) const {
  const ViewLines& l = lines_;
  if (l.rows <= 0 || l.cols <= 0 || l.crop.isEmpty()) return;
  const double dpr = devicePixelRatioF();
  const QPointF origin = imageToWidget(l.crop.topLeft());
  const double cellW = l.crop.width() * zoom_ / l.cols;
  const double cellH = l.crop.height() * zoom_ / l.rows;
  // Snapped to device pixels, so a 1-pixel line is one pixel, not two half-covered ones.
  const auto snap = [dpr](double v) { return (std::floor(v * dpr) + 0.5) / dpr; };
  const auto x = [&](int c) { return snap(origin.x() + c * cellW); };
  const auto y = [&](int r) { return snap(origin.y() + r * cellH); };
  // A contrasting halo under each line: readable on white fur and on black background alike.
  const auto stroke = [&](const std::vector<QLineF>& segments, const QColor& colour, double width) {
    if (segments.empty()) return;
    painter.setPen(QPen(QColor(0, 0, 0, 150), (width + 2.0) / dpr, Qt::SolidLine, Qt::SquareCap));
    painter.drawLines(segments.data(), static_cast<int>(segments.size()));
    painter.setPen(QPen(colour, width / dpr, Qt::SolidLine, Qt::SquareCap));
    painter.drawLines(segments.data(), static_cast<int>(segments.size()));
  };
  painter.setRenderHint(QPainter::Antialiasing, false);
  if (l.grid) {
    std::vector<QLineF> grid;
    for (int c = 0; c <= l.cols; ++c) grid.emplace_back(x(c), y(0), x(c), y(l.rows));
    for (int r = 0; r <= l.rows; ++r) grid.emplace_back(x(0), y(r), x(l.cols), y(r));
    stroke(grid, QColor(255, 255, 255, 200), 1.0);
  }
  if (l.mass.size() == static_cast<size_t>(l.rows * l.cols)) {
    // Patch edges between a cell inside and one outside (or the grid's border).
    const auto inside = [&](int r, int c) {
      return r >= 0 && c >= 0 && r < l.rows && c < l.cols && l.mass[static_cast<size_t>(r * l.cols + c)] != 0;
    };
    std::vector<QLineF> edges;
    for (int r = 0; r < l.rows; ++r) {
      for (int c = 0; c < l.cols; ++c) {
        if (!inside(r, c)) continue;
        if (!inside(r - 1, c)) edges.emplace_back(x(c), y(r), x(c + 1), y(r));
        if (!inside(r + 1, c)) edges.emplace_back(x(c), y(r + 1), x(c + 1), y(r + 1));
        if (!inside(r, c - 1)) edges.emplace_back(x(c), y(r), x(c), y(r + 1));
        if (!inside(r, c + 1)) edges.emplace_back(x(c + 1), y(r), x(c + 1), y(r + 1));
      }
    }
    stroke(edges, QColor(255, 215, 0), 2.0);
  }
  if (l.queryPatch >= 0 && l.queryPatch < l.rows * l.cols) {
    const int r = l.queryPatch / l.cols, c = l.queryPatch % l.cols;
    stroke({{x(c), y(r), x(c + 1), y(r)},
            {x(c + 1), y(r), x(c + 1), y(r + 1)},
            {x(c + 1), y(r + 1), x(c), y(r + 1)},
            {x(c), y(r + 1), x(c), y(r)}},
           QColor(255, 255, 255), 3.0);
  }
}

void ImageView::resizeEvent(QResizeEvent*) {
  if (fit_) zoom_ = fitZoom();
  clampPan();
}

void ImageView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0.0 || image_.isNull()) return;
  setZoom(zoom_ * std::pow(kZoomStep, steps), event->position());
  event->accept();
}

void ImageView::mousePressEvent(QMouseEvent* event) {
  if (painting_ && event->button() == Qt::LeftButton && !image_.isNull()) {
    stroking_ = true;
    strokeModifiers_ = event->modifiers();
    const QPointF imagePos = widgetToImage(event->position());
    if (QRectF(QPointF(0, 0), QSizeF(imageSize_)).contains(imagePos)) {
      Q_EMIT imageStroked(imagePos, true, strokeModifiers_);
    }
    return;
  }
  if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton) return;
  dragging_ = true;
  dragged_ = false;
  pressPos_ = event->position();
  pressOffset_ = offset_;
  setCursor(Qt::ClosedHandCursor);
}

void ImageView::mouseMoveEvent(QMouseEvent* event) {
  if (stroking_ && !image_.isNull()) {
    const QPointF imagePos = widgetToImage(event->position());
    if (QRectF(QPointF(0, 0), QSizeF(imageSize_)).contains(imagePos)) {
      Q_EMIT imageStroked(imagePos, false, strokeModifiers_);
    }
  }
  if (dragging_) {
    const QPointF delta = event->position() - pressPos_;
    if (std::hypot(delta.x(), delta.y()) > kDragThreshold) dragged_ = true;
    if (dragged_) {
      offset_ = pressOffset_ + delta;
      clampPan();
      update();
    }
  }
  if (image_.isNull()) return;
  const QPointF imagePos = widgetToImage(event->position());
  if (QRectF(QPointF(0, 0), QSizeF(imageSize_)).contains(imagePos)) {
    Q_EMIT imageHovered(imagePos);
  } else {
    Q_EMIT hoverLeft();
  }
}

void ImageView::mouseReleaseEvent(QMouseEvent* event) {
  if (stroking_ && event->button() == Qt::LeftButton) {
    stroking_ = false;
    Q_EMIT strokeFinished();
    return;
  }
  if (!dragging_) return;
  dragging_ = false;
  painting_ ? setCursor(Qt::CrossCursor) : unsetCursor();
  if (dragged_ || event->button() != Qt::LeftButton || image_.isNull()) return;
  const QPointF imagePos = widgetToImage(event->position());
  if (QRectF(QPointF(0, 0), QSizeF(imageSize_)).contains(imagePos)) Q_EMIT imageClicked(imagePos);
}

void ImageView::leaveEvent(QEvent*) { Q_EMIT hoverLeft(); }

void ImageView::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoomIn();
      break;
    case Qt::Key_Minus:
      zoomOut();
      break;
    default:
      QWidget::keyPressEvent(event);
      return;
  }
}

}  // namespace vitlens::ui
