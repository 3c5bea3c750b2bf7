#pragma once
// The central image: drawn at any zoom (fit, 100 %, wheel, keyboard) with panning, and reporting which image pixel
// the mouse is over or clicked, so the window can map it to a patch.
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QWidget>

#include <cstdint>
#include <vector>

class QPainter;

namespace vitlens::ui {

// Lines over the image drawn at screen resolution, so they stay one device pixel thin at any zoom (a 32 x 32
// CIFAR image at 20x, a 6000 x 4000 photo fitted): the patch grid, the attention-mass outline and the query
// patch, in image coordinates. Exports draw the same lines into the image's own pixels instead.
struct ViewLines {
  QRectF crop;   // the region the model saw, in image pixels
  int rows = 0;  // patch grid
  int cols = 0;
  bool grid = false;          // draw the grid
  int queryPatch = -1;        // outline this patch (row-major) when >= 0
  std::vector<uint8_t> mass;  // rows * cols, non-zero inside the mass outline; empty: no outline
  std::vector<int> dropped;   // patches dropped from the model's input (row-major): shaded and hatched
};

// What the map shown is, drawn over the view's corner: a caption (method, and the class a class-specific map
// explains) and a colour bar with the map's raw value range.
struct ViewLegend {
  QString caption;  // empty: no caption
  QImage ramp;      // the colormap, low to high, any width x 1; null: no colour bar
  double minimum = 0.0;
  double maximum = 0.0;
};

class ImageView : public QWidget {
  Q_OBJECT

 public:
  explicit ImageView(QWidget* parent = nullptr);

  // Keeps zoom and pan when the new image has the same size (a re-rendered overlay); fits a new one.
  // imageSize: the size the image stands for, when it is a reduced copy of a larger one (a photo bigger than any
  // screen is drawn from a copy near screen size); zoom, coordinates and lines are in the full image's pixels.
  // Empty: the image's own size.
  void setImage(const QImage& image, const QSize& imageSize = {});
  const QImage& image() const { return image_; }
  QSize imageSize() const { return imageSize_; }
  void setPlaceholderText(const QString& text);
  void setLines(const ViewLines& lines);
  const ViewLines& lines() const { return lines_; }
  void setLegend(const ViewLegend& legend);
  const ViewLegend& legend() const { return legend_; }
  // Presentation mode: the caption and colour bar drawn this much larger than the widget's font (1: as is).
  void setLegendScale(double scale);
  double legendScale() const { return legendScale_; }
  // Where the caption is drawn, in widget coordinates (empty without one): tests check it is not cut.
  QRect captionRect() const;

  // Painting mode (patch dropping): a left press and drag report every point they pass over (imageStroked)
  // instead of panning; the middle button still pans.
  void setPainting(bool painting);
  bool painting() const { return painting_; }

  double zoom() const { return zoom_; }
  bool fitting() const { return fit_; }
  void zoomToFit();
  void zoomToActualSize();
  void zoomIn();
  void zoomOut();
  void setZoom(double zoom, const QPointF& anchorWidgetPos);

  // Widget position <-> image pixel position (continuous; may lie outside the image).
  QPointF widgetToImage(const QPointF& widgetPos) const;
  QPointF imageToWidget(const QPointF& imagePos) const;

  QSize sizeHint() const override { return {640, 480}; }

 Q_SIGNALS:
  void imageHovered(const QPointF& imagePos);  // a point inside the image
  void hoverLeft();
  void imageClicked(const QPointF& imagePos);  // a click without a drag, inside the image
  // Painting mode: the press (first) and every point a drag passes over inside the image, with the modifiers
  // held at the press; strokeFinished on release.
  void imageStroked(const QPointF& imagePos, bool first, Qt::KeyboardModifiers modifiers);
  void strokeFinished();
  void zoomChanged(double zoom);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  double fitZoom() const;
  void drawLines(QPainter& painter) const;
  void drawDropped(QPainter& painter) const;
  void drawLegend(QPainter& painter) const;
  void clampPan();

  QImage image_;
  QSize imageSize_;  // the full image's size (image_ may be a reduced copy)
  ViewLines lines_;
  ViewLegend legend_;
  double legendScale_ = 1.0;
  QString placeholder_;
  double zoom_ = 1.0;
  bool fit_ = true;
  QPointF offset_;  // widget position of the image's top-left corner
  bool painting_ = false;
  bool stroking_ = false;  // a painting-mode press is held
  Qt::KeyboardModifiers strokeModifiers_;
  bool dragging_ = false;
  bool dragged_ = false;
  QPointF pressPos_;
  QPointF pressOffset_;
};

}  // namespace vitlens::ui
