#pragma once
// Which map to show: the one description the CLI (vitlens-cli attention), the window and vitlens --screenshot
// share, with the one set of defaults (README, "Which map"). How to draw it is imaging/map_view.h; the maps read
// from captured attention are analysis/attention_set_maps.h. Free of torch and OpenCV.

#include <cstdint>
#include <string>

#include "analysis/head_selection.h"
#include "model/interventions.h"
#include "model/vit_config.h"

namespace vitlens {

// Raw and Rollout read the captured attention; the others explain one class and need the model (a backward pass
// or, for occlusion, more forward passes): analysis/explanation.h. Random is the faithfulness baseline. Tokens is
// the L2 norm of each patch token in one layer's output (README, "Experiments").
enum class MapMethod { Raw, Rollout, Gae, GradRollout, AttnGrad, Occlusion, Random, Tokens };
// Gae, GradRollout, AttnGrad, Occlusion: the map depends on the class asked about.
bool isClassSpecific(MapMethod method);
// Everything but Raw and Rollout: computed from the model, not from the captured attention alone.
inline bool needsModel(MapMethod method) { return method != MapMethod::Raw && method != MapMethod::Rollout; }

struct MapRequest {
  MapMethod method = MapMethod::Raw;            // one layer's attention, or attention rollout
  int layer = -1;                               // raw and tokens: -1 is the last layer
  HeadSelection heads;                          // raw: one head, or the mean / max / min over heads
  int queryPatch = -1;                          // raw: -1 is the class token, else a patch index (row-major)
  double discardRatio = 0.9;                    // rollout: drop this share of the weakest weights per layer
  HeadReduce rolloutFusion = HeadReduce::Mean;  // rollout: how each layer's heads are fused
  int targetClass = -1;                         // class-specific methods: the class explained, -1 the top one
  uint64_t seed = 0;                            // random: the seed

  bool operator==(const MapRequest& other) const;
  bool operator!=(const MapRequest& other) const { return !(*this == other); }
};

// "raw" | "rollout" | "gae" | "grad-rollout" | "attn-grad" | "occlusion" | "random" | "tokens";
// std::invalid_argument otherwise.
MapMethod parseMapMethod(const std::string& name);
std::string mapMethodName(MapMethod method);

// Refuses, with the CLI's wording ("--layer 99 is out of range: the model has 4 layers (0..3)"), a request the
// model cannot answer: layer, head or query beyond it, a class-token query without a class token, a discard ratio
// outside [0, 0.99]. Throws std::invalid_argument.
void validateMapRequest(const MapRequest& request, int layers, int heads, int patches, bool hasClassToken);
// The same against a model's config, before any image has run through it.
void validateMapRequest(const MapRequest& request, const VitConfig& config);

// Refuses a raw request whose query patch `change` drops ("--query 5 is one of the dropped patches: ..."), which
// asks nothing. Throws std::invalid_argument.
void requireQueryKept(const MapRequest& request, const Interventions& change);

// The patch a raw request's query outlines in the view, or -1 (class token, rollout).
inline int outlinedPatch(const MapRequest& request) {
  return request.method == MapMethod::Raw ? request.queryPatch : -1;
}

}  // namespace vitlens
