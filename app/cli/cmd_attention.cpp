#include <iostream>

#include "commands.h"
#include "engine/engine.h"
#include "imaging/heatmap.h"
#include "util/atomic_file.h"
#include "util/npy.h"

namespace vitlens::cli {
namespace {

struct AttentionRequest {
  bool rollout = false;
  int layer = -1;  // -1: last
  HeadSelection heads;
  int queryPatch = -1;  // -1: class token
  double discard = 0.0;
  OverlayStyle style;
};

AttentionRequest parseRequest(const Args& args) {
  AttentionRequest request;
  const std::string method = args.valueOr("method", "raw");
  if (method != "raw" && method != "rollout") throw UsageError("--method must be raw or rollout");
  request.rollout = method == "rollout";
  const std::string layer = args.valueOr("layer", "last");
  if (layer != "last") request.layer = args.intValue("layer", -1, 0, 10000);
  try {
    request.heads = HeadSelection::parse(args.valueOr("head", "mean"));
    request.style.colormap = parseColormap(args.valueOr("colormap", "viridis"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const std::string query = args.valueOr("query", "cls");
  if (query != "cls") request.queryPatch = args.intValue("query", -1, 0, 1000000);
  request.discard = args.doubleValue("discard", 0.0, 0.0, 0.99);
  request.style.alpha = args.doubleValue("alpha", 0.6, 0.0, 1.0);
  request.style.grid = args.has("grid");
  if (request.rollout) {
    if (request.heads.reduce == HeadReduce::Single)
      throw UsageError("rollout fuses heads: use --head mean, max or min");
    if (request.layer >= 0) throw UsageError("rollout always runs through every layer; drop --layer");
    if (request.queryPatch >= 0) throw UsageError("rollout is computed from the class token; drop --query");
  } else if (args.has("discard")) {
    throw UsageError("--discard applies to --method rollout only");
  }
  return request;
}

}  // namespace

int runAttention(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"grid", "force"},
                  withModelOptions({"layer", "head", "method", "discard", "query", "colormap", "alpha", "npy", "out"}));
  if (args.positionals().size() != 1) throw UsageError("attention takes exactly one IMAGE");
  const auto out = args.value("out");
  if (!out) throw UsageError("attention needs --out PNG");
  const AttentionRequest request = parseRequest(args);
  const bool force = args.has("force");
  checkImageOutputName(*out);
  checkWritable(*out, force);
  if (const auto npy = args.value("npy")) {
    checkWritable(*npy, force);
    if (sameFile(*npy, *out)) throw UsageError("--npy and --out name the same file (" + *out + "); give two names");
  }

  const auto engine = openEngine(args);
  if (!engine->meta().config.classToken && !request.rollout && request.queryPatch < 0) {
    throw UsageError("this model has no class token: choose a query patch with --query PATCH, or --method rollout");
  }
  const std::string& image = args.positionals()[0];
  const cv::Mat rgb = decodeQuietly(image);
  const ImageAnalysis analysis = engine->analyse(rgb, 1, true);
  const AttentionSet& attention = *analysis.attention;
  const int layer = request.layer < 0 ? attention.layers() - 1 : request.layer;
  if (!request.rollout && layer >= attention.layers()) {
    throw UsageError("--layer " + std::to_string(layer) + " is out of range: the model has " +
                     std::to_string(attention.layers()) + " layers (0.." + std::to_string(attention.layers() - 1) +
                     ")");
  }
  if (request.heads.reduce == HeadReduce::Single && request.heads.head >= attention.heads()) {
    throw UsageError("--head " + std::to_string(request.heads.head) + " is out of range: the model has " +
                     std::to_string(attention.heads()) + " heads");
  }
  const int patches = attention.gridRows() * attention.gridCols();
  if (request.queryPatch >= patches) {
    throw UsageError("--query " + std::to_string(request.queryPatch) + " is out of range: the grid has " +
                     std::to_string(patches) + " patches (0.." + std::to_string(patches - 1) + ")");
  }

  const cv::Mat map = request.rollout ? attention.rollout(request.heads.reduce, request.discard)
                                      : attention.map(layer, request.heads, request.queryPatch);
  cv::Mat overlay = renderOverlay(rgb, map, analysis.sourceCrop, request.style);
  if (request.queryPatch >= 0) {
    drawPatchOutline(overlay, map.rows, map.cols, analysis.sourceCrop, request.queryPatch);
  }
  // Both outputs or neither: each is written and flushed under a temporary name before either is renamed.
  std::vector<OutputFile> outputs{{*out, encodeImage(*out, overlay)}};
  if (const auto npy = args.value("npy"))
    outputs.push_back({*npy, encodeNpyFloat32(map.ptr<float>(), {map.rows, map.cols})});
  writeFilesAtomically(outputs);

  std::cout << "wrote " << *out << ": "
            << (request.rollout ? "rollout (" + request.heads.toString() + " fusion, discard " +
                                      std::to_string(request.discard).substr(0, 4) + ")"
                                : "layer " + std::to_string(layer) + ", head " + request.heads.toString() + ", query " +
                                      (request.queryPatch < 0 ? "class token" : std::to_string(request.queryPatch)));
  const auto& top = analysis.classification.top;
  if (top.empty()) {
    std::cout << "; no classifier head\n";
  } else {
    std::cout << "; top class " << top.front().label << " (" << static_cast<int>(100.0 * top.front().probability + 0.5)
              << " %)\n";
  }
  return 0;
}

}  // namespace vitlens::cli
