#include "analysis/map_request.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <vector>

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
                                                          {MapMethod::Random, "random"},
                                                          {MapMethod::Tokens, "tokens"}};

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
      "--method must be raw, rollout, gae, grad-rollout, attn-grad, occlusion, random or tokens, not '" + name + "'");
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

void requireQueryKept(const MapRequest& request, const Interventions& change) {
  if (request.method == MapMethod::Raw && request.queryPatch >= 0 &&
      std::binary_search(change.droppedPatches.begin(), change.droppedPatches.end(), request.queryPatch)) {
    throw std::invalid_argument("--query " + std::to_string(request.queryPatch) +
                                " is one of the dropped patches: a dropped patch asks nothing");
  }
}

}  // namespace vitlens
