#pragma once
// How faithful the map on screen is, for this image: the positive and negative perturbation curves of the
// current method beside the random baseline's (Qt Charts), with their areas, and a table comparing every method.
// The numbers come from the worker (Engine::faithfulness); this widget only shows them.
#include <QString>
#include <QWidget>

#include <vector>

#include "ui/analysis_worker.h"

class QChart;
class QLabel;
class QPushButton;
class QTableWidget;
class QValueAxis;

namespace vitlens::ui {

class FaithfulnessPanel : public QWidget {
  Q_OBJECT

 public:
  explicit FaithfulnessPanel(QWidget* parent = nullptr);

  // The current method's curves and the random baseline's, both scored against className: the chart.
  void setCurves(const MethodFaithfulness& method, const MethodFaithfulness& random, const QString& className);
  // Every method's areas: the table, one row per method.
  void setComparison(const std::vector<MethodFaithfulness>& methods);
  // A new image or model: the numbers shown belong to the old one.
  void clear();
  void setBusy(bool busy);

  int seriesCount() const;
  QTableWidget* table() const { return table_; }
  QPushButton* measureButton() const { return measure_; }
  QPushButton* compareButton() const { return compare_; }

 Q_SIGNALS:
  void measureRequested();
  void compareRequested();

 private:
  QChart* chart_ = nullptr;
  QValueAxis* xAxis_ = nullptr;
  QValueAxis* yAxis_ = nullptr;
  QLabel* summary_ = nullptr;
  QTableWidget* table_ = nullptr;
  QPushButton* measure_ = nullptr;
  QPushButton* compare_ = nullptr;
};

}  // namespace vitlens::ui
