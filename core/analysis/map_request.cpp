#include "analysis/map_request.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/engine.h"

namespace vitlens {

bool MapRequest::operator==(const MapRequest& other) const {
  return method == other.method && layer == other.layer && heads.reduce == other.heads.reduce &&
         heads.head == other.heads.head && queryPatch == other.queryPatch && discardRatio == other.discardRatio &&
         rolloutFusion == other.rolloutFusion && targetClass == other.targetClass && seed == other.seed;
}

namespace {

const std::pair<MapMethod, const char*> kMethodNames[] = {{MapMethod::Raw, "raw"},
                                                          {MapMethod::Rollout, "rollout"},
                                                          {MapMethod::Gae, "gae"},
                                                          {MapMethod::GradRollout, "grad-rollout"},
                                                          {MapMethod::AttnGrad, "attn-grad"},
                                                          {MapMethod::Occlusion, "occlusion"},
                                                          {MapMethod::Random, "random"}};

}  // namespace

bool isClassSpecific(MapMethod method) {
  return method == MapMethod::Gae || method == MapMethod::GradRollout || method == MapMethod::AttnGrad ||
         method == MapMethod::Occlusion;
}

MapMethod parseMapMethod(const std::string& name) {
  for (const auto& [method, text] : kMethodNames) {
    if (name == text) return method;
  }
  throw std::invalid_argument(
      "--method must be raw, rollout, gae, grad-rollout, attn-grad, occlusion or random, not '" + name + "'");
}

std::string mapMethodName(MapMethod method) {
  for (const auto& [known, text] : kMethodNames) {
    if (known == method) return text;
  }
  return "raw";
}

void validateMapRequest(const MapRequest& request, int layers, int heads, int patches, bool hasClassToken) {
  const auto range = [](int count) { return " (0.." + std::to_string(count - 1) + ")"; };
  if (request.layer >= layers) {
    throw std::invalid_argument("--layer " + std::to_string(request.layer) + " is out of range: the model has " +
                                std::to_string(layers) + " layers" + range(layers));
  }
  if (request.heads.reduce == HeadReduce::Single && (request.heads.head < 0 || request.heads.head >= heads)) {
    throw std::invalid_argument("--head " + std::to_string(request.heads.head) + " is out of range: the model has " +
                                std::to_string(heads) + " heads" + range(heads));
  }
  if (request.queryPatch >= patches) {
    throw std::invalid_argument("--query " + std::to_string(request.queryPatch) + " is out of range: the grid has " +
                                std::to_string(patches) + " patches" + range(patches));
  }
  if (request.method == MapMethod::Raw && request.queryPatch < 0 && !hasClassToken) {
    throw std::invalid_argument(
        "this model has no class token: choose a query patch with --query PATCH, or --method rollout");
  }
  if (!(request.discardRatio >= 0.0 && request.discardRatio <= 0.99)) {
    throw std::invalid_argument("--discard must be a number from 0 to 0.99");
  }
}

void validateMapRequest(const MapRequest& request, const VitConfig& config) {
  validateMapRequest(request, static_cast<int>(config.depth), static_cast<int>(config.numHeads),
                     static_cast<int>(config.numPatches()), config.classToken);
  if (isClassSpecific(request.method)) {
    if (!config.hasHead()) {
      throw std::invalid_argument("this model has no classifier head: there is no class for " +
                                  mapMethodName(request.method) + " to explain");
    }
    if (request.targetClass >= config.numClasses) {
      throw std::invalid_argument("--class " + std::to_string(request.targetClass) +
                                  " is out of range: the model has " + std::to_string(config.numClasses) +
                                  " classes (0.." + std::to_string(config.numClasses - 1) + ")");
    }
  }
}

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
  if (query < 0 && !attention.hasClassToken()) query = 0;
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
