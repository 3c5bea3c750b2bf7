// vitlens-cli lens, tokens and ablate-scan: change or open up the model and watch (model/interventions.h).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>

#include "commands.h"
#include "engine/engine.h"
#include "imaging/map_view.h"
#include "util/atomic_file.h"
#include "util/message_text.h"
#include "util/npy.h"

namespace vitlens::cli {
namespace {

nlohmann::json scoresJson(const std::vector<ClassScore>& scores) {
  nlohmann::json top = nlohmann::json::array();
  for (const ClassScore& s : scores) top.push_back({{"index", s.index}, {"label", s.label}, {"prob", s.probability}});
  return top;
}

void printJson(const nlohmann::json& value) {
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

int runLens(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json"}, withModelOptions({"topk", "ablate-heads", "drop-patches"}));
  if (args.positionals().size() != 1) throw UsageError("lens takes exactly one IMAGE");
  const int topk = args.intValue("topk", 3, 1, 100000);
  const auto engine = openEngine(args);
  if (!engine->meta().config.hasHead()) throw UsageError("this model has no classifier head: no logits to read");
  const Interventions change = parseInterventions(args, *engine);
  const std::string& image = args.positionals()[0];
  const std::vector<LensLayer> layers = engine->logitLens(decodeQuietly(image), topk, change);
  if (args.has("json")) {
    nlohmann::json list = nlohmann::json::array();
    for (const LensLayer& layer : layers) list.push_back({{"layer", layer.layer}, {"top", scoresJson(layer.top)}});
    printJson({{"image", image}, {"layers", list}});
    return 0;
  }
  std::printf("%s: what the model would say after each layer (logit lens)\n", escapeControlCharacters(image).c_str());
  for (const LensLayer& layer : layers) {
    std::printf("  layer %2d:", layer.layer);
    for (const ClassScore& s : layer.top) {
      std::printf("  %s %.1f %%", escapeControlCharacters(s.label).c_str(), 100.0 * s.probability);
    }
    std::printf("\n");
  }
  return 0;
}

int runTokens(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json", "force"},
                  withModelOptions({"layer", "npy", "out", "colormap", "alpha", "ablate-heads", "drop-patches"}));
  if (args.positionals().size() != 1) throw UsageError("tokens takes exactly one IMAGE");
  const auto layerText = args.value("layer");
  if (!layerText) throw UsageError("tokens needs --layer N (or last)");
  const int layer = *layerText == "last" ? -1 : args.intValue("layer", -1, 0, 10000);
  const bool force = args.has("force");
  const auto out = args.value("out");
  const auto npy = args.value("npy");
  const DrawStyle style = parseMapOutputs(args, out, npy, force);
  const auto engine = openEngine(args);
  const Interventions change = parseInterventions(args, *engine);
  const int depth = static_cast<int>(engine->meta().config.depth);
  if (layer >= depth) {
    throw UsageError("--layer " + std::to_string(layer) + " is out of range: the model has " + std::to_string(depth) +
                     " layers (0.." + std::to_string(depth - 1) + ")");
  }
  const std::string& image = args.positionals()[0];
  const cv::Mat rgb = decodeQuietly(image);
  const TokenNorms norms = engine->tokenNorms(rgb, layer, change);
  std::vector<OutputFile> outputs;
  if (out) {
    // Dropped patches (NaN) draw as the smallest norm.
    cv::Mat drawable = norms.patches.clone();
    float low = std::numeric_limits<float>::max();
    for (auto it = drawable.begin<float>(); it != drawable.end<float>(); ++it) {
      if (!std::isnan(*it)) low = std::min(low, *it);
    }
    for (auto it = drawable.begin<float>(); it != drawable.end<float>(); ++it) {
      if (std::isnan(*it)) *it = low;
    }
    const ImageAnalysis analysis = engine->analyse(rgb, 1, false);
    outputs.push_back({*out, encodeImage(*out, renderMapView(rgb, analysis.sourceCrop, drawable, style, -1))});
  }
  if (npy) {
    const cv::Mat& m = norms.patches;
    outputs.push_back({*npy, encodeNpyFloat32(m.ptr<float>(), {m.rows, m.cols})});
  }
  if (!outputs.empty()) writeFilesAtomically(outputs);
  // The largest patch norms first: the high-norm "artifact" tokens of Darcet et al. 2023 stand out.
  std::vector<std::pair<float, int>> ranked;
  for (int i = 0; i < norms.patches.rows * norms.patches.cols; ++i) {
    const float v = norms.patches.at<float>(i / norms.patches.cols, i % norms.patches.cols);
    if (!std::isnan(v)) ranked.emplace_back(v, i);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (ranked.size() > 5) ranked.resize(5);
  if (args.has("json")) {
    nlohmann::json prefix = nlohmann::json::array(), largest = nlohmann::json::array();
    for (const auto& [name, value] : norms.prefix) prefix.push_back({{"token", name}, {"norm", value}});
    for (const auto& [value, patch] : ranked) largest.push_back({{"patch", patch}, {"norm", value}});
    printJson({{"image", image},
               {"layer", norms.layer},
               {"grid", {norms.patches.rows, norms.patches.cols}},
               {"prefix", prefix},
               {"largest_patches", largest}});
    return 0;
  }
  std::printf("%s, layer %d token norms:", escapeControlCharacters(image).c_str(), norms.layer);
  for (const auto& [name, value] : norms.prefix) std::printf("  %s %.3g", name.c_str(), value);
  std::printf("\n  largest patches:");
  for (const auto& [value, patch] : ranked) std::printf("  %d (%.3g)", patch, value);
  std::printf("\n");
  return 0;
}

int runAblateScan(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json"}, withModelOptions({"class", "batch"}));
  if (args.positionals().size() != 1) throw UsageError("ablate-scan takes exactly one IMAGE");
  const int batch = args.intValue("batch", 16, 1, 4096);
  const auto engine = openEngine(args);
  if (!engine->meta().config.hasHead()) throw UsageError("this model has no classifier head: no probability to change");
  int target = -1;
  try {
    target = engine->parseClass(args.valueOr("class", "top"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const std::string& image = args.positionals()[0];
  const AblationScan scan = engine->ablateScan(decodeQuietly(image), target, batch);
  const cv::Mat& d = scan.delta;
  if (args.has("json")) {
    nlohmann::json rows = nlohmann::json::array();
    for (int l = 0; l < d.rows; ++l) {
      nlohmann::json row = nlohmann::json::array();
      for (int h = 0; h < d.cols; ++h) row.push_back(d.at<float>(l, h));
      rows.push_back(row);
    }
    printJson(
        {{"image", image},
         {"class", {{"index", scan.target.index}, {"label", scan.target.label}, {"prob", scan.target.probability}}},
         {"delta", rows},
         {"ms", scan.milliseconds}});
    return 0;
  }
  std::printf("%s: change in p(%s) = %.3f when each head alone is ablated (%d x %d heads, %.0f ms)\n",
              escapeControlCharacters(image).c_str(), escapeControlCharacters(scan.target.label).c_str(),
              scan.target.probability, d.rows, d.cols, scan.milliseconds);
  std::printf("  layer");
  for (int h = 0; h < d.cols; ++h) std::printf(" %7s", ("h" + std::to_string(h)).c_str());
  std::printf("\n");
  for (int l = 0; l < d.rows; ++l) {
    std::printf("  %5d", l);
    for (int h = 0; h < d.cols; ++h) std::printf(" %+7.3f", d.at<float>(l, h));
    std::printf("\n");
  }
  return 0;
}

}  // namespace vitlens::cli
