#include "engine/folder_evaluation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace vitlens {
namespace {

nlohmann::json scoresJson(const std::vector<OutcomeScore>& scores) {
  nlohmann::json top = nlohmann::json::array();
  for (const OutcomeScore& s : scores) top.push_back({{"index", s.index}, {"label", s.label}, {"prob", s.probability}});
  return top;
}

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

std::string folderEvaluationJson(const FolderEvaluation& evaluation, const std::string& model, const std::string& data,
                                 bool perImage) {
  const ConfusionMatrix& confusion = evaluation.confusion;
  nlohmann::json perClass = nlohmann::json::object();
  for (int64_t index : evaluation.presentClasses) {
    perClass[confusion.labels()[static_cast<size_t>(index)]] = confusion.classAccuracy(index);
  }
  nlohmann::json result = {{"model", model},
                           {"data", data},
                           {"images", evaluation.images},
                           {"accuracy", confusion.accuracy()},
                           {"per_class", perClass},
                           {"confusion", confusion.counts()},
                           {"labels", confusion.labels()},
                           {"images_per_s", evaluation.imagesPerSecond},
                           {"failed", evaluation.failed}};
  if (evaluation.cancelled) result["cancelled"] = true;
  if (perImage) {
    nlohmann::json images = nlohmann::json::array();
    for (const ImageOutcome& outcome : evaluation.perImage) {
      if (!outcome.error.empty()) {
        images.push_back({{"path", outcome.path}, {"error", outcome.error}});
        continue;
      }
      nlohmann::json entry = {{"path", outcome.path}};
      entry["label"] = outcome.label >= 0 ? nlohmann::json(confusion.labels()[static_cast<size_t>(outcome.label)])
                                          : nlohmann::json(nullptr);
      entry["predicted"] = outcome.top.front().label;
      entry["prob"] = outcome.probability();
      entry["correct"] = outcome.label >= 0 ? nlohmann::json(outcome.correct()) : nlohmann::json(nullptr);
      entry["top"] = scoresJson(outcome.top);
      entry["ms"] = outcome.milliseconds;
      images.push_back(entry);
    }
    result["per_image"] = images;
  }
  // File and label names need not be UTF-8: replace invalid bytes rather than lose every result.
  return result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string folderEvaluationCsv(const FolderEvaluation& evaluation) {
  const std::vector<std::string>& labels = evaluation.confusion.labels();
  std::string csv = "path,label,predicted,probability,correct,top_k\r\n";
  for (const ImageOutcome& outcome : evaluation.perImage) {
    const std::string label =
        outcome.label >= 0 && static_cast<size_t>(outcome.label) < labels.size() ? labels[outcome.label] : "";
    csv += csvField(outcome.path) + "," + csvField(label) + ",";
    if (!outcome.error.empty()) {
      csv += ",,," + csvField("error: " + outcome.error) + "\r\n";
      continue;
    }
    std::string top;
    for (const OutcomeScore& s : outcome.top) top += (top.empty() ? "" : ";") + s.label + ":" + number(s.probability);
    csv += csvField(outcome.top.front().label) + "," + number(outcome.probability()) + "," +
           (outcome.label >= 0 ? (outcome.correct() ? "true" : "false") : "") + "," + csvField(top) + "\r\n";
  }
  return csv;
}

std::vector<size_t> outcomesInCell(const FolderEvaluation& evaluation, int64_t truth, int64_t predicted) {
  std::vector<size_t> indices;
  for (size_t i = 0; i < evaluation.perImage.size(); ++i) {
    const ImageOutcome& o = evaluation.perImage[i];
    if (o.error.empty() && o.label == truth && o.predicted() == predicted) indices.push_back(i);
  }
  return indices;
}

namespace {

std::vector<size_t> sortedBy(const FolderEvaluation& evaluation, bool correct, bool ascending) {
  std::vector<size_t> indices;
  for (size_t i = 0; i < evaluation.perImage.size(); ++i) {
    const ImageOutcome& o = evaluation.perImage[i];
    if (o.error.empty() && o.label >= 0 && o.correct() == correct) indices.push_back(i);
  }
  std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
    const float pa = evaluation.perImage[a].probability(), pb = evaluation.perImage[b].probability();
    return ascending ? pa < pb : pa > pb;
  });
  return indices;
}

}  // namespace

std::vector<size_t> leastConfidentCorrect(const FolderEvaluation& evaluation) {
  return sortedBy(evaluation, true, true);
}

std::vector<size_t> mostConfidentWrong(const FolderEvaluation& evaluation) {
  return sortedBy(evaluation, false, false);
}

std::vector<ConfusedPair> mostConfusedPairs(const ConfusionMatrix& confusion, size_t limit) {
  std::vector<ConfusedPair> pairs;
  const auto& counts = confusion.counts();
  for (size_t t = 0; t < counts.size(); ++t) {
    for (size_t p = 0; p < counts[t].size(); ++p) {
      if (t != p && counts[t][p] > 0) {
        pairs.push_back({static_cast<int64_t>(t), static_cast<int64_t>(p), counts[t][p]});
      }
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const ConfusedPair& a, const ConfusedPair& b) { return a.count > b.count; });
  if (pairs.size() > limit) pairs.resize(limit);
  return pairs;
}

}  // namespace vitlens
