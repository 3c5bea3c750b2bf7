// vitlens-cli explain: why the model chose a class, as a map on the patch grid (analysis/explanation.h).
#include <nlohmann/json.hpp>

#include <iostream>

#include "analysis/map_request.h"
#include "commands.h"
#include "engine/engine.h"
#include "imaging/map_view.h"
#include "model/interventions.h"
#include "util/atomic_file.h"
#include "util/message_text.h"
#include "util/npy.h"

namespace vitlens::cli {

MapRequest parseExplainRequest(const Args& args, const Engine& engine) {
  MapRequest request;
  const auto method = args.value("method");
  if (!method)
    throw UsageError("explain needs --method gae|grad-rollout|attn-grad|occlusion|rollout|raw|random|tokens");
  try {
    request.method = parseMapMethod(*method);
    request.targetClass = engine.parseClass(args.valueOr("class", "top"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  if (args.has("discard") && request.method != MapMethod::Rollout && request.method != MapMethod::GradRollout) {
    throw UsageError("--discard applies to --method rollout and grad-rollout only");
  }
  request.discardRatio = args.doubleValue("discard", request.discardRatio, 0.0, 0.99);
  if (args.has("seed") && request.method != MapMethod::Random) throw UsageError("--seed applies to --method random");
  request.seed = static_cast<uint64_t>(args.intValue("seed", 0, 0, 2147483647));
  if (args.has("layer") && request.method != MapMethod::Tokens) throw UsageError("--layer applies to --method tokens");
  if (args.valueOr("layer", "last") != "last") request.layer = args.intValue("layer", -1, 0, 10000);
  try {
    validateMapRequest(request, engine.meta().config);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  return request;
}

int runExplain(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json", "force"},
                  withModelOptions({"method", "class", "discard", "seed", "layer", "npy", "out", "colormap", "alpha",
                                    "ablate-heads", "drop-patches"}));
  if (args.positionals().size() != 1) throw UsageError("explain takes exactly one IMAGE");
  const bool force = args.has("force");
  const auto out = args.value("out");
  const auto npy = args.value("npy");
  const DrawStyle style = parseMapOutputs(args, out, npy, force);
  if (!args.has("method"))
    throw UsageError("explain needs --method gae|grad-rollout|attn-grad|occlusion|rollout|raw|random|tokens");

  parseInterventions(args);  // malformed lists are refused before the model loads
  const auto engine = openEngine(args);
  const MapRequest request = parseExplainRequest(args, *engine);  // before any image is decoded
  const Interventions change = parseInterventions(args, *engine);
  const std::string& image = args.positionals()[0];
  const cv::Mat rgb = decodeQuietly(image);
  const Explanation explanation = engine->explain(rgb, request, change);
  const cv::Mat& map = explanation.map;
  std::vector<OutputFile> outputs;  // both or neither, as attention writes them
  if (out) outputs.push_back({*out, encodeImage(*out, renderMapView(rgb, explanation.sourceCrop, map, style, -1))});
  if (npy) outputs.push_back({*npy, encodeNpyFloat32(map.ptr<float>(), {map.rows, map.cols})});
  if (!outputs.empty()) writeFilesAtomically(outputs);

  const ClassScore& target = explanation.target;
  if (args.has("json")) {
    nlohmann::json result = {
        {"image", image},
        {"method", mapMethodName(explanation.method)},
        {"class", {{"index", target.index}, {"label", target.label}, {"prob", target.probability}}},
        {"grid", {map.rows, map.cols}},
        {"ms", explanation.milliseconds}};
    addInterventions(result, change);
    if (request.method == MapMethod::Tokens) {
      nlohmann::json prefix = nlohmann::json::object();
      for (const auto& [name, norm] : explanation.prefix) prefix[name] = norm;
      result["prefix"] = prefix;  // the prefix tokens' norms, which the patch map leaves out
    }
    std::cout << result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << mapMethodName(explanation.method) << " for class " << target.index << " "
              << escapeControlCharacters(target.label) << " (" << static_cast<int>(100.0 * target.probability + 0.5)
              << " %), " << map.rows << "x" << map.cols << " patches, "
              << static_cast<int>(explanation.milliseconds + 0.5) << " ms";
    if (out) std::cout << "; wrote " << *out;
    if (npy) std::cout << (out ? ", " : "; wrote ") << *npy;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace vitlens::cli
