#include "ui/faithfulness_panel.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include "analysis/curve_area.h"

namespace vitlens::ui {
namespace {

QLineSeries* curve(const QString& name, const std::vector<double>& x, const std::vector<double>& y,
                   const QColor& colour, Qt::PenStyle style) {
  auto* series = new QLineSeries;
  series->setName(name);
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) series->append(x[i], y[i]);
  QPen pen(colour, 2.0, style);
  series->setPen(pen);
  return series;
}

QString methodTitle(MapMethod method) { return QString::fromStdString(mapMethodName(method)); }

}  // namespace

FaithfulnessPanel::FaithfulnessPanel(QWidget* parent) : QWidget(parent) {
  measure_ = new QPushButton(tr("&Measure This Map"));
  measure_->setToolTip(
      tr("Remove the patches the map ranks highest (positive) or lowest (negative), in steps of 10 %, and watch "
         "whether the model still predicts its class; the random baseline beside it. Runs in the background."));
  compare_ = new QPushButton(tr("&Compare Methods"));
  compare_->setToolTip(tr("The same for every method on this image, as a table of areas under the curves."));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(measure_);
  buttons->addWidget(compare_);
  buttons->addStretch(1);

  chart_ = new QChart;
  chart_->setTitle(tr("Perturbation: is the class still on top as patches are removed?"));
  chart_->setMargins(QMargins(2, 2, 2, 2));
  chart_->legend()->setAlignment(Qt::AlignBottom);
  xAxis_ = new QValueAxis;
  xAxis_->setRange(0.0, 0.9);
  xAxis_->setTitleText(tr("fraction of patches removed"));
  xAxis_->setLabelFormat(QStringLiteral("%.1f"));
  yAxis_ = new QValueAxis;
  yAxis_->setRange(-0.05, 1.05);
  yAxis_->setTitleText(tr("still the top class"));
  yAxis_->setLabelFormat(QStringLiteral("%.1f"));
  yAxis_->setTickType(QValueAxis::TicksDynamic);
  yAxis_->setTickAnchor(0.0);
  yAxis_->setTickInterval(0.5);
  chart_->addAxis(xAxis_, Qt::AlignBottom);
  chart_->addAxis(yAxis_, Qt::AlignLeft);
  auto* view = new QChartView(chart_);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumHeight(220);

  summary_ = new QLabel;
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::PlainText);

  table_ = new QTableWidget(0, 5);
  table_->setHorizontalHeaderLabels(
      {tr("method"), tr("positive ↓"), tr("negative ↑"), tr("deletion ↓"), tr("insertion ↑")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSortingEnabled(true);
  table_->setToolTip(
      tr("Areas under the curves x 100 over 0–90 % removed, for this image: positive and deletion lower is "
         "better (removing what the map ranks first hurts at once), negative and insertion higher."));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(buttons);
  layout->addWidget(view, 3);
  layout->addWidget(summary_);
  layout->addWidget(table_, 2);
  connect(measure_, &QPushButton::clicked, this, &FaithfulnessPanel::measureRequested);
  connect(compare_, &QPushButton::clicked, this, &FaithfulnessPanel::compareRequested);
  clear();
}

void FaithfulnessPanel::setCurves(const MethodFaithfulness& method, const MethodFaithfulness& random,
                                  const QString& className) {
  chart_->removeAllSeries();
  const Faithfulness& m = method.curves;
  const Faithfulness& r = random.curves;
  const QString name = methodTitle(method.method);
  // Short names: the legend has a quarter of the dock's width for each; the areas are in the summary below.
  const QList<QLineSeries*> series{curve(tr("%1 pos.").arg(name), m.x, m.positive, QColor(200, 60, 40), Qt::SolidLine),
                                   curve(tr("%1 neg.").arg(name), m.x, m.negative, QColor(40, 110, 200), Qt::SolidLine),
                                   curve(tr("random pos."), r.x, r.positive, QColor(200, 60, 40), Qt::DashLine),
                                   curve(tr("random neg."), r.x, r.negative, QColor(40, 110, 200), Qt::DashLine)};
  for (QLineSeries* s : series) {
    chart_->addSeries(s);
    s->attachAxis(xAxis_);
    s->attachAxis(yAxis_);
  }
  if (!m.x.empty()) xAxis_->setRange(0.0, m.x.back());
  const auto areas = [](const Faithfulness& f) {
    return tr("positive %1, negative %2, deletion %3, insertion %4")
        .arg(areaUnderCurve(f.x, f.positive), 0, 'f', 1)
        .arg(areaUnderCurve(f.x, f.negative), 0, 'f', 1)
        .arg(areaUnderCurve(f.x, f.deletion), 0, 'f', 1)
        .arg(areaUnderCurve(f.x, f.insertion), 0, 'f', 1);
  };
  summary_->setText(tr("Scored against “%1”. AUC, %2: %3.\nrandom: %4.\nOne image's curves step between 0 and 1; "
                       "averages over a folder: vitlens-cli faithfulness.")
                        .arg(className, name, areas(m), areas(r)));
}

void FaithfulnessPanel::setComparison(const std::vector<MethodFaithfulness>& methods) {
  table_->setSortingEnabled(false);
  table_->setRowCount(static_cast<int>(methods.size()));
  for (int row = 0; row < static_cast<int>(methods.size()); ++row) {
    const Faithfulness& f = methods[static_cast<size_t>(row)].curves;
    table_->setItem(row, 0, new QTableWidgetItem(methodTitle(methods[static_cast<size_t>(row)].method)));
    const double values[] = {areaUnderCurve(f.x, f.positive), areaUnderCurve(f.x, f.negative),
                             areaUnderCurve(f.x, f.deletion), areaUnderCurve(f.x, f.insertion)};
    for (int column = 0; column < 4; ++column) {
      auto* item = new QTableWidgetItem;
      item->setData(Qt::DisplayRole, std::round(values[column] * 10.0) / 10.0);  // sorts as a number
      table_->setItem(row, column + 1, item);
    }
  }
  table_->setSortingEnabled(true);
  table_->sortByColumn(1, Qt::AscendingOrder);  // the most faithful by the positive test first
}

void FaithfulnessPanel::clear() {
  chart_->removeAllSeries();
  table_->setRowCount(0);
  summary_->setText(
      tr("Measure how faithful the map is to the model: remove what it ranks first and see whether "
         "the prediction survives."));
}

void FaithfulnessPanel::setBusy(bool busy) {
  measure_->setEnabled(!busy);
  compare_->setEnabled(!busy);
}

int FaithfulnessPanel::seriesCount() const { return static_cast<int>(chart_->series().size()); }

}  // namespace vitlens::ui
