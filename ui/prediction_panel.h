#pragma once
// Top-k classes as horizontal probability bars, with the device and the time the model took.
#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

namespace vitlens::ui {

struct Prediction {
  QString label;
  double probability = 0.0;
  int index = -1;  // the class's index in the model
};

class PredictionPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PredictionPanel(QWidget* parent = nullptr);

  void setPredictions(const QVector<Prediction>& predictions, const QString& device, double milliseconds);
  void setBusy(bool busy);
  // A warning drawn above the bars, in the warning colour (e.g. "untrained: random weights"); empty for none.
  void setWarning(const QString& warning);
  const QString& warning() const { return warning_; }
  void clear();
  const QVector<Prediction>& predictions() const { return predictions_; }
  // The class the overlay explains: its bar is framed. -1: the top class.
  void setSelectedClass(int index);
  int selectedClass() const { return selected_; }
  // Probabilities of every class with heads ablated or patches dropped (index = class), drawn beside the
  // original ones with the change coloured; empty: none.
  void setChanged(const std::vector<float>& probabilities, const QString& what);
  const std::vector<float>& changed() const { return changed_; }
  // Where row `rank` (0 = top) is drawn, for clicks in tests.
  QRect rowRect(int rank) const;

 Q_SIGNALS:
  // A bar was clicked: explain this class.
  void classClicked(int index);

 public:
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void changeEvent(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  int rowHeight() const;  // follows the font (presentation mode)
  QVector<Prediction> predictions_;
  QString footer_;
  QString warning_;
  bool busy_ = false;
  int selected_ = -1;
  std::vector<float> changed_;
  QString changedWhat_;
};

}  // namespace vitlens::ui
