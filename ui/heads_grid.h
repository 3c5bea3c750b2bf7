#pragma once
// Every layer x head attention map as a small tile (like BertViz's model view, but on the image). Clicking a tile
// selects that layer and head in the main view; Ctrl+click switches the head off (ablation) and on again.
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QPainter;

#include <opencv2/core/mat.hpp>
#include <utility>
#include <vector>

namespace vitlens::ui {

class HeadsGrid : public QWidget {
  Q_OBJECT

 public:
  explicit HeadsGrid(QWidget* parent = nullptr);

  // tiles: row-major, layers x heads, all one size.
  void setTiles(const QVector<QImage>& tiles, int layers, int heads);
  void setSelected(int layer, int head);  // -1 head: none highlighted (a fused view)
  // The raw maps behind the tiles (layers x heads, row-major, CV_32F patch grids): a tile's tooltip names its
  // layer and head and gives its value at the hovered patch. Empty: tooltips without values.
  void setTileValues(const std::vector<cv::Mat>& maps);
  // What the tooltip says at a widget position (empty outside the tiles); tests.
  QString tileToolTip(QPoint pos) const;
  // Labels that do not fit their space at the current font: empty when every label is legible.
  QStringList clippedLabels() const;
  // Heads switched off (ablated): their tiles are crossed out. (layer, head) pairs.
  void setAblated(const std::vector<std::pair<int, int>>& heads);
  // Importance view: per head (row-major, layers x heads) the change in the class's probability when that head
  // alone is switched off. Each tile gets a frame, red where the class loses (the head matters for it), blue where
  // it gains, as thick as the change is large, and the change in percentage points. Empty: no importance view.
  void setImportance(const std::vector<float>& delta, const QString& className);
  const std::vector<float>& importance() const { return importance_; }
  void clear();

  int layers() const { return layers_; }
  int heads() const { return heads_; }
  int tileCount() const { return static_cast<int>(tiles_.size()); }
  // Centre of a tile in widget coordinates (tests click there).
  QPoint tileCenter(int layer, int head) const;
  // The grid with its labels as one picture, for export.
  QImage renderImage() const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override { return {120, 120}; }

 Q_SIGNALS:
  void tileClicked(int layer, int head);
  // Ctrl+click: switch the head off, or on again.
  void ablationToggled(int layer, int head);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Geometry {
    double cellWidth = 0;  // tile size including the gap
    double cellHeight = 0;
    double left = 0;         // x of the first tile
    double top = 0;          // y of the first tile
    double labelWidth = 0;   // the layer labels' column
    double labelHeight = 0;  // the head labels' row
  };
  Geometry geometry(QSize size) const;
  void paint(QPainter& painter, QSize size) const;
  bool tileAt(QPoint pos, int& layer, int& head) const;
  void paintImportance(QPainter& painter, const QRectF& tile, int index) const;

  QVector<QImage> tiles_;
  int layers_ = 0;
  int heads_ = 0;
  int selectedLayer_ = -1;
  int selectedHead_ = -1;
  std::vector<std::pair<int, int>> ablated_;
  std::vector<float> importance_;
  std::vector<cv::Mat> values_;
  QString importanceClass_;
};

}  // namespace vitlens::ui
