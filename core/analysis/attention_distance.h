#pragma once
// Mean attention distance per head (ViT paper, Figure 7 right): how far, in input pixels, each head looks on
// average. Small distances mean local, convolution-like heads; large ones mean global heads.
#include <ATen/core/Tensor.h>

#include <vector>

#include "analysis/attention_map.h"

namespace vitlens {

// attention: L x (B, heads, N, N). For every patch query, the distance to each patch key (between patch centres,
// in pixels of the model input: grid steps times patchPixels) weighted by the attention it pays to that key, the
// weights renormalised over the patch keys so that attention parked on prefix tokens does not shrink the
// distance; averaged over all patch queries. Returns (L, heads) float64 on the CPU.
at::Tensor meanAttentionDistance(const std::vector<at::Tensor>& attention, const TokenLayout& layout,
                                 double patchPixels, int64_t batchIndex = 0);

}  // namespace vitlens
