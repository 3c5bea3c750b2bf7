#pragma once
// Class-specific explanations: why the model chose class c. Definitions (README, "Explanations"):
//   gae           Chefer et al. 2021: R = I; per layer R <- R + mean_heads(max(dA * A, 0)) R.
//   grad-rollout  vit-explain's gradient rollout, fixed: F = max(mean_heads(dA * A), 0), vitlens's discard,
//                 F' = (F + I) / 2 with rows normalised, F'_{L-1} ... F'_0.
//   attn-grad     last layer: w_h = mean over patch columns of the read row of dA_h; max(mean_h(w_h A_h row), 0).
//   occlusion     per patch, the drop in p(c) when the patch's input pixels are set to 0 (the mean colour).
//   random        seeded uniform values: the baseline for faithfulness scores.
// dA = d y_c / d A_l, y_c the pre-softmax logit of class c (DeiT: the mean of both heads' logits, the eval
// output). "Read the map": the class token's row over the patch columns, or without a class token the mean of
// the patch rows. Maps are raw, (gridRows, gridCols) float32 on the CPU.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "analysis/attention_map.h"
#include "analysis/map_request.h"
#include "model/vision_transformer.h"

namespace vitlens {

struct AttentionGradients {
  std::vector<at::Tensor> attention;  // L x (heads, N, N), float32 on the CPU
  std::vector<at::Tensor> gradients;  // L x (heads, N, N): d y_c / d A_l
  at::Tensor logits;                  // (classes), float32 on the CPU
};

// One forward pass through the explicit attention with the graph kept, one backward pass from y_c, for batch
// item 0 of input (1, C, H, W), with `change`'s heads ablated and patches dropped (validated by the caller; N is
// then the tokens kept). Throws std::invalid_argument for a model without a head or a class out of range.
AttentionGradients attentionGradients(VisionTransformer& model, const at::Tensor& input, int64_t targetClass,
                                      const Interventions& change = {});

at::Tensor gaeMatrix(const AttentionGradients& g);                                        // (N, N)
at::Tensor gradientRolloutMatrix(const AttentionGradients& g, double discardRatio);       // (N, N)
at::Tensor attentionGradientMap(const AttentionGradients& g, const TokenLayout& layout);  // (rows, cols)

// p(c) of the input minus p(c) with each patch set to 0, batchSize patches per forward pass, both with `change`
// applied; dropped patches (layout.keptPatches) are NaN.
at::Tensor occlusionMap(VisionTransformer& model, const at::Tensor& input, int64_t targetClass,
                        const TokenLayout& layout, int64_t batchSize = 32, const Interventions& change = {});
// Uniform [0, 1) from a splitmix64 stream: the same values on every platform for one seed (NaN where dropped).
at::Tensor randomMap(const TokenLayout& layout, uint64_t seed);

// The L2 norm of every token of layer `layer`'s output (-1: the last; before the final norm) with `change`
// applied: (tokens kept) float32 on the CPU, prefix tokens first.
at::Tensor tokenNormValues(VisionTransformer& model, const at::Tensor& input, int layer,
                           const Interventions& change = {});

// The model's layout; with `droppedPatches`, of the tokens kept.
TokenLayout tokenLayoutOf(const VitConfig& config, const std::vector<int>& droppedPatches = {});

// The map `request.method` defines for class `targetClass` (raw and rollout ignore it; raw is the last layer's
// mean over heads, read as above; tokens is the layer's token norms) of the model with `change` applied.
// input: (1, C, H, W) normalised, on the model's device. Dropped patches are NaN in the map.
at::Tensor explanationMap(VisionTransformer& model, const at::Tensor& input, const MapRequest& request,
                          int64_t targetClass, const Interventions& change = {});

}  // namespace vitlens
