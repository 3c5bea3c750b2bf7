#pragma once
// The numbers the tour's sentences quote ({patches}, {patchNumbers}, …), worked out from the loaded model, the image
// shown and, for the steps that need them, one query's attention (model/query_trace.h) and the logit lens. Values
// that cannot be known yet (no image, no trace) are left out, so their {name} stays visible until they arrive.
#include <QMap>
#include <QString>
#include <QVector>

#include "model/query_trace.h"
#include "ui/lens_strip.h"

namespace vitlens::ui {

struct ModelInfo;
struct AnalysisResult;

// One row of the attention step's table: a key token, its scaled dot product with the query and its weight.
struct TourKeyRow {
  QString key;    // "class token", "patch 37", …
  QString where;  // "row 2, column 9" for a patch (the key's tooltip); empty for a prefix token
  int token = 0;
  int patch = -1;  // row-major; -1 for a prefix token
  double score = 0.0;
  double weight = 0.0;
};

// The `count` keys the query weighs most, heaviest first.
QVector<TourKeyRow> topKeys(const QueryTrace& trace, int gridCols, const QStringList& prefixNames, int count);

struct TourContext {
  const ModelInfo* model = nullptr;       // null: nothing loaded yet
  const AnalysisResult* image = nullptr;  // null: no image yet
  const QueryTrace* trace = nullptr;      // the query step's trace, when it has arrived
  QVector<LensEntry> lens;                // the logit lens of the image, first layer first; may be empty
  int tableRows = 5;
};

QMap<QString, QString> tourFacts(const TourContext& context);

}  // namespace vitlens::ui
