#include "ui/tour_facts.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

#include "engine/engine.h"
#include "ui/analysis_worker.h"

namespace vitlens::ui {
namespace {

QString triple(const std::array<float, 3>& values) {
  return QStringLiteral("%1, %2, %3").arg(values[0], 0, 'f', 3).arg(values[1], 0, 'f', 3).arg(values[2], 0, 'f', 3);
}

QString percent(double probability) { return QStringLiteral("%1 %").arg(100.0 * probability, 0, 'f', 1); }

double meanOf(const std::vector<double>& values) {
  return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

// Where the lens's answer stops changing: the first layer from which every later layer names the final class.
QString lensSentence(const QVector<LensEntry>& lens, const QString& topClass) {
  if (lens.isEmpty() || lens.back().label != topClass) return {};
  int settled = lens.size() - 1;
  while (settled > 0 && lens[settled - 1].label == topClass) --settled;
  if (settled == 0)
    return QCoreApplication::translate("TourFacts", "The logit lens names “%1” from the very first layer on.")
        .arg(topClass);
  return QCoreApplication::translate(
             "TourFacts",
             "The logit lens shows where it made up its mind: “%1” from layer %2 of %3 on (layers 0 to %4 pointed "
             "elsewhere).")
      .arg(topClass)
      .arg(settled)
      .arg(lens.size())
      .arg(settled - 1);
}

}  // namespace

QVector<TourKeyRow> topKeys(const QueryTrace& trace, int gridCols, const QStringList& prefixNames, int count) {
  std::vector<int> order(trace.weights.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t shown = std::min(order.size(), static_cast<size_t>(std::max(0, count)));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](int a, int b) { return trace.weights[a] > trace.weights[b]; });
  QVector<TourKeyRow> rows;
  for (size_t i = 0; i < shown; ++i) {
    TourKeyRow row;
    row.token = order[i];
    row.score = trace.scores[static_cast<size_t>(row.token)];
    row.weight = trace.weights[static_cast<size_t>(row.token)];
    if (row.token < trace.prefixTokens) {
      row.key =
          prefixNames.value(row.token, QCoreApplication::translate("TourFacts", "prefix token %1").arg(row.token));
    } else {
      row.patch = row.token - trace.prefixTokens;
      row.key = QCoreApplication::translate("TourFacts", "patch %1").arg(row.patch);
      row.where = QCoreApplication::translate("TourFacts", "row %1, column %2")
                      .arg(row.patch / gridCols)
                      .arg(row.patch % gridCols);
    }
    if (row.token == trace.queryToken) row.key += QCoreApplication::translate("TourFacts", " · itself");
    rows.append(row);
  }
  return rows;
}

QMap<QString, QString> tourFacts(const TourContext& context) {
  QMap<QString, QString> facts;
  if (context.model == nullptr) return facts;
  const ModelMeta& meta = context.model->meta;
  const VitConfig& c = meta.config;
  const PreprocessSpec spec = preprocessSpecFor(meta);
  facts[QStringLiteral("model")] = QString::fromStdString(meta.name);
  facts[QStringLiteral("inputWidth")] = QString::number(spec.width);
  facts[QStringLiteral("inputHeight")] = QString::number(spec.height);
  facts[QStringLiteral("mean")] = triple(spec.mean);
  facts[QStringLiteral("std")] = triple(spec.stddev);
  facts[QStringLiteral("patches")] = QString::number(c.numPatches());
  facts[QStringLiteral("patchSize")] = QString::number(c.patchSize);
  facts[QStringLiteral("channels")] = QString::number(c.channels);
  facts[QStringLiteral("patchNumbers")] = QString::number(c.patchSize * c.patchSize * c.channels);
  facts[QStringLiteral("gridRows")] = QString::number(c.gridHeight());
  facts[QStringLiteral("gridCols")] = QString::number(c.gridWidth());
  facts[QStringLiteral("embedDim")] = QString::number(c.embedDim);
  facts[QStringLiteral("layers")] = QString::number(c.depth);
  facts[QStringLiteral("lastLayer")] = QString::number(c.depth - 1);
  facts[QStringLiteral("heads")] = QString::number(c.numHeads);
  facts[QStringLiteral("headDim")] = QString::number(c.headDim());
  facts[QStringLiteral("tokens")] = QString::number(c.numTokens());
  facts[QStringLiteral("classes")] = QString::number(c.numClasses);
  facts[QStringLiteral("tableRows")] = QString::number(context.tableRows);

  if (const AnalysisResult* image = context.image) {
    facts[QStringLiteral("imageWidth")] = QString::number(image->rgb.cols);
    facts[QStringLiteral("imageHeight")] = QString::number(image->rgb.rows);
    const std::vector<ClassScore>& top = image->analysis.classification.top;
    if (!top.empty()) {
      facts[QStringLiteral("topClass")] = QString::fromStdString(top[0].label);
      facts[QStringLiteral("topProbability")] = percent(top[0].probability);
      facts[QStringLiteral("lensSentence")] = lensSentence(context.lens, QString::fromStdString(top[0].label));
    }
    if (top.size() > 1) {
      facts[QStringLiteral("secondClass")] = QString::fromStdString(top[1].label);
      facts[QStringLiteral("secondProbability")] = percent(top[1].probability);
    }
    const auto& distances = image->meanDistances;
    if (!distances.empty()) {
      const double first = meanOf(distances.front());
      const double last = meanOf(distances.back());
      facts[QStringLiteral("firstDistance")] = QString::number(first, 'f', 1);
      facts[QStringLiteral("lastDistance")] = QString::number(last, 'f', 1);
      // The ViT paper's Figure 7: early layers mix near and far heads, late ones look far. Say what this model does.
      facts[QStringLiteral("distanceVerdict")] =
          last > 1.25 * first
              ? QCoreApplication::translate(
                    "TourFacts", "Here, as in the ViT paper, early layers look near and late layers look far.")
          : first > 1.25 * last ? QCoreApplication::translate(
                                      "TourFacts",
                                      "This model does the opposite of the ViT paper's finding: its late layers look "
                                      "nearer than its early ones.")
                                : QCoreApplication::translate(
                                      "TourFacts", "In this model, how far the heads look barely changes with depth.");
    }
  }
  if (const QueryTrace* trace = context.trace) {
    facts[QStringLiteral("layerNumber")] = QString::number(trace->layer);
    facts[QStringLiteral("head")] = QString::number(trace->head);
    if (trace->queryPatch >= 0) {
      facts[QStringLiteral("queryPatch")] = QString::number(trace->queryPatch);
      facts[QStringLiteral("queryRow")] = QString::number(trace->queryPatch / c.gridWidth());
      facts[QStringLiteral("queryCol")] = QString::number(trace->queryPatch % c.gridWidth());
    }
    QStringList start;
    for (size_t i = 0; i < std::min<size_t>(8, trace->embedding.size()); ++i) {
      start << QString::number(trace->embedding[i], 'f', 2);
    }
    if (!start.isEmpty()) facts[QStringLiteral("embeddingStart")] = start.join(QStringLiteral(", "));
  }
  return facts;
}

}  // namespace vitlens::ui
