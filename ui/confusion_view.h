#pragma once
// A confusion matrix as a heat map: rows the true class, columns the predicted one, each cell coloured by its
// share of the row (so a rare class reads as clearly as a common one) and labelled with its count; the true
// classes carry their accuracy. Clicking a cell asks for its images.
#include <QImage>
#include <QWidget>

#include <vector>

#include "engine/confusion_matrix.h"

namespace vitlens::ui {

class ConfusionView : public QWidget {
  Q_OBJECT

 public:
  explicit ConfusionView(QWidget* parent = nullptr);

  // classes: the label indices shown (those the folder had), in order.
  void setMatrix(const ConfusionMatrix& matrix, const std::vector<int64_t>& classes);
  void clear();
  void setSelected(int64_t truth, int64_t predicted);
  int classCount() const { return static_cast<int>(classes_.size()); }
  // Centre of the cell (truth, predicted) in widget coordinates, or (-1, -1) (tests click there).
  QPoint cellCenter(int64_t truth, int64_t predicted) const;
  // The matrix with its labels as one picture at 44 px per cell, for export.
  QImage renderImage() const;

  QSize sizeHint() const override { return {420, 420}; }
  QSize minimumSizeHint() const override { return {200, 200}; }

 Q_SIGNALS:
  void cellClicked(qint64 truth, qint64 predicted);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  struct Geometry {
    double left = 0, top = 0, cell = 0;
  };
  Geometry geometry(QSize size) const;
  void paint(QPainter& painter, QSize size) const;
  bool cellAt(QPoint pos, int& row, int& column) const;

  ConfusionMatrix matrix_{{}};
  std::vector<int64_t> classes_;
  int64_t selectedTruth_ = -1;
  int64_t selectedPredicted_ = -1;
};

}  // namespace vitlens::ui
