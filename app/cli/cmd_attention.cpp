#include <iostream>

#include "analysis/attention_set_maps.h"
#include "commands.h"
#include "engine/engine.h"
#include "imaging/map_view.h"
#include "model/interventions.h"
#include "util/atomic_file.h"
#include "util/message_text.h"
#include "util/npy.h"

namespace vitlens::cli {
namespace {

// Which map and how to draw it: the same structs, with the same defaults, as the window and --screenshot.
struct AttentionRequest {
  MapRequest map;
  DrawStyle style;
};

AttentionRequest parseRequest(const Args& args) {
  AttentionRequest request;
  MapRequest& map = request.map;
  try {
    map.method = parseMapMethod(args.valueOr("method", mapMethodName(map.method)));
    if (needsModel(map.method)) {
      throw UsageError("attention draws raw or rollout; for --method " + mapMethodName(map.method) +
                       " use vitlens-cli explain");
    }
    const HeadSelection heads = HeadSelection::parse(args.valueOr("head", "mean"));
    if (map.method == MapMethod::Rollout) {
      if (heads.reduce == HeadReduce::Single) throw UsageError("rollout fuses heads: use --head mean, max or min");
      map.rolloutFusion = heads.reduce;
    } else {
      map.heads = heads;
    }
    if (args.has("colormap")) request.style.colormap = parseColormap(*args.value("colormap"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const std::string layer = args.valueOr("layer", "last");
  if (layer != "last") map.layer = args.intValue("layer", -1, 0, 10000);
  const std::string query = args.valueOr("query", "cls");
  if (query != "cls") map.queryPatch = args.intValue("query", -1, 0, 1000000);
  map.discardRatio = args.doubleValue("discard", map.discardRatio, 0.0, 0.99);
  request.style.opacity = args.doubleValue("alpha", request.style.opacity, 0.0, 1.0);
  request.style.grid = args.has("grid");
  if (map.method == MapMethod::Rollout) {
    if (map.layer >= 0) throw UsageError("rollout always runs through every layer; drop --layer");
    if (map.queryPatch >= 0) throw UsageError("rollout is computed from the class token; drop --query");
  } else if (args.has("discard")) {
    throw UsageError("--discard applies to --method rollout only");
  }
  return request;
}

}  // namespace

int runAttention(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"grid", "force"},
                  withModelOptions({"layer", "head", "method", "discard", "query", "colormap", "alpha", "npy", "out",
                                    "ablate-heads", "drop-patches"}));
  if (args.positionals().size() != 1) throw UsageError("attention takes exactly one IMAGE");
  const auto out = args.value("out");
  if (!out) throw UsageError("attention needs --out PNG");
  const AttentionRequest request = parseRequest(args);
  parseInterventions(args);  // malformed lists are refused before the model loads
  const bool force = args.has("force");
  checkImageOutputName(*out);
  checkWritable(*out, force);
  if (const auto npy = args.value("npy")) {
    checkWritable(*npy, force);
    if (sameFile(*npy, *out)) throw UsageError("--npy and --out name the same file (" + *out + "); give two names");
  }

  const auto engine = openEngine(args);
  const Interventions change = parseInterventions(args, *engine);
  try {  // against the model, before an image is decoded or run through it
    validateMapRequest(request.map, engine->meta().config);
    requireQueryKept(request.map, change);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const std::string& image = args.positionals()[0];
  const cv::Mat rgb = decodeQuietly(image);
  // A raw map reads one layer: only that one is captured (rollout needs them all).
  const int depth = static_cast<int>(engine->meta().config.depth);
  std::vector<int> captureLayers;
  if (request.map.method == MapMethod::Raw)
    captureLayers.push_back(request.map.layer < 0 ? depth - 1 : request.map.layer);
  const ImageAnalysis analysis = engine->analyse(rgb, 1, true, change, captureLayers);  // the changed model's
  const AttentionSet& attention = *analysis.attention;
  const int layer = resolvedLayer(attention, request.map);
  const cv::Mat map = computeMap(attention, request.map);
  const cv::Mat overlay = renderMapView(rgb, analysis.sourceCrop, map, request.style, outlinedPatch(request.map));
  // Both outputs or neither: each is written and flushed under a temporary name before either is renamed.
  std::vector<OutputFile> outputs{{*out, encodeImage(*out, overlay)}};
  if (const auto npy = args.value("npy"))
    outputs.push_back({*npy, encodeNpyFloat32(map.ptr<float>(), {map.rows, map.cols})});
  writeFilesAtomically(outputs);

  const MapRequest& m = request.map;
  std::cout << "wrote " << *out << ": "
            << (m.method == MapMethod::Rollout
                    ? "rollout (" + HeadSelection{m.rolloutFusion, 0}.toString() + " fusion, discard " +
                          std::to_string(m.discardRatio).substr(0, 4) + ")"
                    : "layer " + std::to_string(layer) + ", head " + m.heads.toString() + ", query " +
                          (m.queryPatch < 0 ? "class token" : std::to_string(m.queryPatch)));
  if (!change.empty()) {
    std::cout << "; heads ablated " << (change.ablatedHeads.empty() ? "none" : headListText(change.ablatedHeads))
              << ", patches dropped "
              << (change.droppedPatches.empty() ? "none" : patchListText(change.droppedPatches));
  }
  const auto& top = analysis.classification.top;
  if (top.empty()) {
    std::cout << "; no classifier head\n";
  } else {
    std::cout << "; top class " << escapeControlCharacters(top.front().label) << " ("
              << static_cast<int>(100.0 * top.front().probability + 0.5) << " %)\n";
  }
  return 0;
}

}  // namespace vitlens::cli
