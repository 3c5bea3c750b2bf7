#pragma once
// One layer's attention seen from one query token, over the patch tokens only.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "analysis/head_selection.h"

namespace vitlens {

// Token layout of a captured attention matrix: prefix tokens (class, ...) first, then the patch grid row-major.
struct TokenLayout {
  int64_t prefixTokens = 1;  // class, distillation, register tokens
  int64_t gridRows = 8;
  int64_t gridCols = 8;
  bool classToken = true;  // token 0 is a class token (a model may have registers and no class token)
  int64_t tokens() const { return prefixTokens + gridRows * gridCols; }
};

// layerAttention: (heads, ...) -> (...), one head or the element-wise mean/max/min over heads: (heads, N, N) for
// rollout, (heads, N) for one query's row.
at::Tensor fuseHeads(const at::Tensor& layerAttention, const HeadSelection& selection);

// attention: L x (B, heads, N, N). queryToken indexes the full token sequence (0 = class token when present).
// Returns (gridRows, gridCols) float32 on CPU: the query's attention to each patch, raw probabilities.
// Throws std::out_of_range for a bad layer, head, query or batch index.
at::Tensor attentionMap(const std::vector<at::Tensor>& attention, int64_t layer, const HeadSelection& selection,
                        int64_t queryToken, const TokenLayout& layout, int64_t batchIndex = 0);

// "Read the map" of an (N, N) token matrix (rollout, relevance): the class token's row over the patch columns,
// or without a class token the mean of the patch rows (as average pooling reads the tokens). -> (gridRows,
// gridCols) float32 on the CPU. Throws std::invalid_argument when the matrix does not match the layout.
at::Tensor readMap(const at::Tensor& matrix, const TokenLayout& layout);

// The same query's attention to each prefix token (class, distillation, registers): (prefixTokens) float32 on CPU.
at::Tensor prefixAttention(const std::vector<at::Tensor>& attention, int64_t layer, const HeadSelection& selection,
                           int64_t queryToken, const TokenLayout& layout, int64_t batchIndex = 0);

}  // namespace vitlens
