#pragma once
// Attention rollout (Abnar & Zuidema 2020), with vit-explain's head fusion and discard ratio.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "analysis/attention_map.h"
#include "analysis/head_selection.h"

namespace vitlens {

// One fused (N, N) matrix's rollout factor: zero the lowest floor(discardRatio * N^2) off-diagonal entries,
// (A + I) / 2, rows renormalised to sum to 1. Gradient rollout uses it on its fused gradient-weighted attention.
at::Tensor rolloutStep(const at::Tensor& fusedAttention, double discardRatio);

// One layer's rollout factor: fuse heads, zero the lowest `discardRatio` fraction of entries (never the
// diagonal), A' = (A + I) / 2, rows renormalised to sum to 1. (heads, N, N) -> (N, N).
at::Tensor rolloutFactor(const at::Tensor& layerAttention, HeadReduce fusion, double discardRatio);

// Product of all factors, first layer applied first: (N, N) for batch item b.
at::Tensor rolloutMatrix(const std::vector<at::Tensor>& attention, HeadReduce fusion, double discardRatio,
                         int64_t batchIndex = 0);

// The class token's rollout row over the patch tokens, (gridRows, gridCols) float32 on CPU. Without a class
// token the mean of the patch rows is used, matching average pooling.
at::Tensor attentionRollout(const std::vector<at::Tensor>& attention, HeadReduce fusion, double discardRatio,
                            const TokenLayout& layout, int64_t batchIndex = 0);

}  // namespace vitlens
