#include "analysis/attention_set_maps.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/engine.h"

namespace vitlens {

int resolvedLayer(const AttentionSet& attention, const MapRequest& request) {
  const int layers = attention.layers();
  if (layers == 0) return 0;
  return request.layer < 0 ? layers - 1 : std::min(request.layer, layers - 1);
}

namespace {

// A head within range, a patch within the grid, and patch 0 for a class-token query on a model without one.
std::pair<HeadSelection, int> resolvedQuery(const AttentionSet& attention, const MapRequest& request) {
  HeadSelection heads = request.heads;
  if (heads.reduce == HeadReduce::Single) heads.head = std::clamp(heads.head, 0, std::max(0, attention.heads() - 1));
  const int patches = attention.gridRows() * attention.gridCols();
  int query = request.queryPatch >= patches ? patches - 1 : request.queryPatch;
  // A dropped patch asks nothing: the class token asks instead, or without one the first patch kept.
  const std::vector<int> dropped = attention.droppedPatches();
  const auto isDropped = [&](int patch) { return std::binary_search(dropped.begin(), dropped.end(), patch); };
  if (query >= 0 && isDropped(query)) query = -1;
  if (query < 0 && !attention.hasClassToken()) {
    query = 0;
    while (query < patches - 1 && isDropped(query)) ++query;
  }
  return {heads, query};
}

}  // namespace

cv::Mat computeMap(const AttentionSet& attention, const MapRequest& request) {
  if (needsModel(request.method)) {
    throw std::invalid_argument("the " + mapMethodName(request.method) +
                                " map is computed from the model, not from captured attention (Engine::explain)");
  }
  if (request.method == MapMethod::Rollout) return attention.rollout(request.rolloutFusion, request.discardRatio);
  const auto [heads, query] = resolvedQuery(attention, request);
  return attention.map(resolvedLayer(attention, request), heads, query);
}

std::string describePrefixAttention(const AttentionSet& attention, const MapRequest& request) {
  if (request.method != MapMethod::Raw || attention.prefixTokens() == 0) return {};
  const auto [heads, query] = resolvedQuery(attention, request);
  const std::vector<float> values = attention.prefixAttention(resolvedLayer(attention, request), heads, query);
  const std::vector<std::string>& names = attention.prefixTokenNames();
  std::string text;
  char number[32];
  for (size_t i = 0; i < values.size(); ++i) {
    std::snprintf(number, sizeof number, "%.3f", static_cast<double>(values[i]));
    text += (i ? " \u00b7 " : "") + (i < names.size() ? names[i] : "token " + std::to_string(i)) + " " + number;
  }
  return text;
}

}  // namespace vitlens
