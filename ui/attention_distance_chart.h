#pragma once
// Mean attention distance of every head against depth, as in the ViT paper (Figure 7, right): early layers mix
// local and global heads, later ones look globally.
#include <QStringList>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QScatterSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace vitlens::ui {

class AttentionDistanceChart : public QWidget {
  Q_OBJECT

 public:
  explicit AttentionDistanceChart(QWidget* parent = nullptr);

  // distances[layer][head] in input pixels; imageSize: the model's input side (the axis maximum).
  void setDistances(const std::vector<std::vector<double>>& distances, double imageSize);
  void clear();
  int pointCount() const;
  // The texts that do not fit the chart's area (its title, an axis title longer than its axis, labels below the
  // bottom edge): empty when everything is legible. Tests check it at every UI scale.
  QStringList clippedTexts() const;

 protected:
  // The chart's fonts follow the widget's (presentation mode scales the application font), its height too.
  void changeEvent(QEvent* event) override;

 private:
  void applyFonts();

  QChart* chart_ = nullptr;
  QChartView* view_ = nullptr;
  QScatterSeries* series_ = nullptr;
  QValueAxis* xAxis_ = nullptr;
  QValueAxis* yAxis_ = nullptr;
};

}  // namespace vitlens::ui
