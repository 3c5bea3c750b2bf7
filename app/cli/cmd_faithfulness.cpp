// vitlens-cli faithfulness: how well each explanation method ranks the patches the model relies on, on a labelled
// image folder (analysis/faithfulness.h for the definitions).
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "analysis/curve_area.h"
#include "analysis/map_request.h"
#include "commands.h"
#include "engine/engine.h"
#include "training/evaluation.h"
#include "training/image_folder.h"
#include "util/atomic_file.h"
#include "util/message_text.h"

namespace vitlens::cli {
namespace {

struct MethodTotals {
  MapMethod method = MapMethod::Gae;
  std::vector<double> positive, negative, deletion, insertion;  // sums over images, per x
  int64_t images = 0;
  double seconds = 0.0;
};

std::vector<double> parseSteps(const std::string& text) {
  std::vector<double> steps;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    size_t used = 0;
    double value = 0.0;
    try {
      value = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || !(value > 0.0 && value < 1.0) ||
        (!steps.empty() && value <= steps.back())) {
      throw UsageError("--steps wants rising fractions in (0, 1) separated by commas, e.g. 0.1,0.2,0.5; not '" + text +
                       "'");
    }
    steps.push_back(value);
  }
  if (steps.empty()) throw UsageError("--steps is empty");
  return steps;
}

std::pair<int64_t, int64_t> parseShard(const std::string& text) {
  const size_t slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      size_t a = 0, b = 0;
      const long long k = std::stoll(text.substr(0, slash), &a);
      const long long n = std::stoll(text.substr(slash + 1), &b);
      if (a == slash && b == text.size() - slash - 1 && n >= 1 && k >= 0 && k < n) return {k, n};
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--shard wants K/N with 0 <= K < N (every N-th image from the K-th), not '" + text + "'");
}

// A CSV field: quoted when it holds a comma, quote or line break (RFC 4180).
std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::vector<double> mean(const std::vector<double>& sums, int64_t count) {
  std::vector<double> out(sums);
  for (double& v : out) v = count > 0 ? v / static_cast<double>(count) : 0.0;
  return out;
}

void add(std::vector<double>& sums, const std::vector<double>& values) {
  if (sums.empty()) sums.assign(values.size(), 0.0);
  for (size_t i = 0; i < values.size(); ++i) sums[i] += values[i];
}

}  // namespace

int runFaithfulness(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json", "force"},
                  withModelOptions({"data", "method", "steps", "limit", "shard", "csv", "discard", "seed"}));
  if (!args.positionals().empty()) throw UsageError("faithfulness takes no positional arguments (--data DIR)");
  const auto data = args.value("data");
  if (!data) throw UsageError("faithfulness needs --data DIR (holding <class>/<image>)");
  const auto methodList = args.value("method");
  if (!methodList) throw UsageError("faithfulness needs --method M[,M...] (gae, grad-rollout, attn-grad, ...)");
  std::vector<MethodTotals> totals;
  {
    std::stringstream stream(*methodList);
    std::string name;
    while (std::getline(stream, name, ',')) {
      MethodTotals t;
      try {
        t.method = parseMapMethod(name);
      } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
      }
      totals.push_back(t);
    }
  }
  const std::vector<double> steps = parseSteps(args.valueOr("steps", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"));
  const int64_t limit = args.intValue("limit", 0, 0, 2147483647);
  const auto [shard, shards] = parseShard(args.valueOr("shard", "0/1"));
  const double discard = args.doubleValue("discard", MapRequest{}.discardRatio, 0.0, 0.99);
  const uint64_t seed = static_cast<uint64_t>(args.intValue("seed", 0, 0, 2147483647));
  const auto csv = args.value("csv");
  if (csv) checkWritable(*csv, args.has("force"));

  const auto engine = openEngine(args);
  const ModelMeta& meta = engine->meta();
  for (const MethodTotals& t : totals) {
    MapRequest probe;
    probe.method = t.method;
    probe.discardRatio = discard;
    try {
      validateMapRequest(probe, meta.config);
    } catch (const std::invalid_argument& error) {
      throw UsageError(error.what());
    }
  }
  if (!meta.config.hasHead()) throw UsageError("this model has no classifier head: there is no accuracy to perturb");
  std::vector<std::string> labels;
  for (int64_t i = 0; i < meta.config.numClasses; ++i) labels.push_back(meta.label(i));
  ImageFolder folder;
  std::vector<int64_t> labelOf;
  try {
    folder = scanImageFolder(*data);
    labelOf = matchFoldersToLabels(folder.classes, labels);
  } catch (const std::exception& error) {
    reportError(errorText(error));
    return 1;
  }
  // --limit N: N images spread evenly over the scan order (class, then file name), image floor(i M / N) of M, so
  // every class is sampled; then this shard's share of them: every N-th from the K-th.
  const int64_t available = static_cast<int64_t>(folder.files.size());
  const int64_t used = limit > 0 ? std::min(limit, available) : available;
  std::vector<int64_t> chosen;
  for (int64_t i = shard; i < used; i += shards) chosen.push_back(used == available ? i : i * available / used);

  std::ostringstream rows;
  rows << "image,label,method,predicted,positive_auc,negative_auc,deletion_auc,insertion_auc\n";
  std::vector<double> x;
  int failed = 0;
  const bool showProgress = !args.has("json");
  for (size_t n = 0; n < chosen.size(); ++n) {
    const int64_t index = chosen[n];
    const std::string& file = folder.files[static_cast<size_t>(index)];
    const int64_t label = labelOf[static_cast<size_t>(folder.labels[static_cast<size_t>(index)])];
    cv::Mat rgb;
    try {
      rgb = decodeQuietly(file);
    } catch (const std::exception& error) {
      reportError(errorText(error));
      ++failed;
      continue;
    }
    for (MethodTotals& t : totals) {
      MapRequest request;
      request.method = t.method;
      request.discardRatio = discard;
      request.seed = seed + static_cast<uint64_t>(index);  // a different random ranking per image
      const Faithfulness f = engine->faithfulness(rgb, label, request, steps);
      x = f.x;
      add(t.positive, f.positive);
      add(t.negative, f.negative);
      add(t.deletion, f.deletion);
      add(t.insertion, f.insertion);
      ++t.images;
      t.seconds += f.milliseconds / 1000.0;
      if (csv) {
        char line[512];
        std::snprintf(line, sizeof line, ",%lld,%s,%lld,%.4f,%.4f,%.4f,%.4f\n", static_cast<long long>(label),
                      mapMethodName(t.method).c_str(), static_cast<long long>(f.predicted),
                      areaUnderCurve(f.x, f.positive), areaUnderCurve(f.x, f.negative), areaUnderCurve(f.x, f.deletion),
                      areaUnderCurve(f.x, f.insertion));
        rows << csvField(file) << line;
      }
    }
    if (showProgress && isatty(2)) {
      std::fprintf(stderr, "\r%zu / %zu images", n + 1, chosen.size());
      std::fflush(stderr);
    }
  }
  if (showProgress && isatty(2)) std::fprintf(stderr, "\n");
  if (csv) {
    const std::string text = rows.str();
    writeFilesAtomically({{*csv, std::vector<uint8_t>(text.begin(), text.end())}});
  }

  nlohmann::json methods = nlohmann::json::object();
  for (const MethodTotals& t : totals) {
    const std::vector<double> pos = mean(t.positive, t.images), neg = mean(t.negative, t.images),
                              del = mean(t.deletion, t.images), ins = mean(t.insertion, t.images);
    methods[mapMethodName(t.method)] = {{"positive_auc", x.empty() ? 0.0 : areaUnderCurve(x, pos)},
                                        {"negative_auc", x.empty() ? 0.0 : areaUnderCurve(x, neg)},
                                        {"deletion_auc", x.empty() ? 0.0 : areaUnderCurve(x, del)},
                                        {"insertion_auc", x.empty() ? 0.0 : areaUnderCurve(x, ins)},
                                        {"positive", pos},
                                        {"negative", neg},
                                        {"deletion", del},
                                        {"insertion", ins},
                                        {"images", t.images},
                                        {"seconds", t.seconds}};
  }
  std::vector<double> xs{0.0};
  xs.insert(xs.end(), steps.begin(), steps.end());
  if (args.has("json")) {
    const nlohmann::json result = {{"model", args.valueOr("model", "built-in")},
                                   {"data", *data},
                                   {"shard", std::to_string(shard) + "/" + std::to_string(shards)},
                                   {"images", static_cast<int64_t>(chosen.size()) - failed},
                                   {"steps", xs},
                                   {"methods", methods}};
    std::cout << result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::printf("%lld images (shard %lld/%lld), AUC x 100 over fractions 0..%g:\n",
                static_cast<long long>(chosen.size()) - failed, static_cast<long long>(shard),
                static_cast<long long>(shards), steps.back());
    std::printf("  %-14s %9s %9s %9s %9s %9s\n", "method", "positive", "negative", "deletion", "insertion", "seconds");
    std::printf("  %-14s %9s %9s %9s %9s\n", "", "(lower)", "(higher)", "(lower)", "(higher)");
    for (const MethodTotals& t : totals) {
      const nlohmann::json& m = methods[mapMethodName(t.method)];
      std::printf("  %-14s %9.2f %9.2f %9.2f %9.2f %9.1f\n", mapMethodName(t.method).c_str(),
                  m["positive_auc"].get<double>(), m["negative_auc"].get<double>(), m["deletion_auc"].get<double>(),
                  m["insertion_auc"].get<double>(), t.seconds);
    }
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace vitlens::cli
