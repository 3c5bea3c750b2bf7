#include "ui/attention_distance_chart.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFontMetricsF>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace vitlens::ui {

AttentionDistanceChart::AttentionDistanceChart(QWidget* parent) : QWidget(parent) {
  chart_ = new QChart;
  chart_->legend()->hide();
  chart_->setTitle(tr("Attention distance (px)"));
  chart_->setMargins(QMargins(2, 2, 2, 2));
  series_ = new QScatterSeries;
  series_->setMarkerSize(8.0);
  series_->setColor(QColor(70, 130, 200));
  series_->setBorderColor(QColor(30, 60, 110));
  chart_->addSeries(series_);
  xAxis_ = new QValueAxis;
  xAxis_->setTitleText(tr("layer"));
  xAxis_->setLabelFormat(QStringLiteral("%.0f"));
  // Ticks on whole layers, while the range keeps half a layer of room on each side.
  xAxis_->setTickType(QValueAxis::TicksDynamic);
  xAxis_->setTickAnchor(0.0);
  xAxis_->setTickInterval(1.0);
  yAxis_ = new QValueAxis;
  // Short, so it fits beside the axis at 2x text size; the unit is in the chart's title.
  yAxis_->setTitleText(tr("px"));
  yAxis_->setLabelFormat(QStringLiteral("%.0f"));
  chart_->addAxis(xAxis_, Qt::AlignBottom);
  chart_->addAxis(yAxis_, Qt::AlignLeft);
  series_->attachAxis(xAxis_);
  series_->attachAxis(yAxis_);
  view_ = new QChartView(chart_);
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setToolTip(
      tr("How far each head looks, on average, weighted by its attention (ViT paper, Figure 7): "
         "one dot per head, by depth."));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
  applyFonts();
  clear();
}

void AttentionDistanceChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) applyFonts();
  QWidget::changeEvent(event);
}

void AttentionDistanceChart::applyFonts() {
  QFont title = font();
  title.setBold(true);
  chart_->setTitleFont(title);
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.9);
  for (QValueAxis* axis : {xAxis_, yAxis_}) {
    axis->setLabelsFont(small);
    axis->setTitleFont(small);
  }
  // Title, plot, tick labels and the axis title: about twelve lines of text at any scale.
  setMinimumHeight(QFontMetrics(font()).height() * 12);
}

QStringList AttentionDistanceChart::clippedTexts() const {
  QStringList clipped;
  const QRectF plot = chart_->plotArea();
  const QFontMetricsF title(chart_->titleFont());
  if (title.horizontalAdvance(chart_->title()) > view_->width()) clipped << chart_->title();
  const QFontMetricsF axisTitle(yAxis_->titleFont());
  if (axisTitle.horizontalAdvance(yAxis_->titleText()) > plot.height()) clipped << yAxis_->titleText();
  if (axisTitle.horizontalAdvance(xAxis_->titleText()) > plot.width()) clipped << xAxis_->titleText();
  // Below the plot: the tick labels and the x axis title must end inside the view.
  const QFontMetricsF labels(xAxis_->labelsFont());
  if (plot.bottom() + labels.height() + axisTitle.height() > view_->height()) clipped << xAxis_->titleText();
  if (plot.left() < labels.horizontalAdvance(QStringLiteral("000")) + axisTitle.height() * 0.5) {
    clipped << yAxis_->titleText();
  }
  return clipped;
}

void AttentionDistanceChart::setDistances(const std::vector<std::vector<double>>& distances, double imageSize) {
  QList<QPointF> points;
  double highest = 1.0;
  for (size_t layer = 0; layer < distances.size(); ++layer) {
    for (double distance : distances[layer]) {
      points.append(QPointF(static_cast<double>(layer), distance));
      highest = std::max(highest, distance);
    }
  }
  series_->replace(points);
  xAxis_->setRange(-0.5, std::max<double>(0.5, static_cast<double>(distances.size()) - 0.5));
  xAxis_->setTickInterval(distances.size() > 12 ? 2.0 : 1.0);
  yAxis_->setRange(0.0, std::max(highest * 1.1, imageSize * 0.5));
}

void AttentionDistanceChart::clear() {
  series_->clear();
  xAxis_->setRange(-0.5, 3.5);
  yAxis_->setRange(0.0, 32.0);
}

int AttentionDistanceChart::pointCount() const { return static_cast<int>(series_->count()); }

}  // namespace vitlens::ui
