#pragma once
// One layer's attention seen from one query token, over the patch tokens only.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/head_selection.h"

namespace vitlens {

// Token layout of a captured attention matrix: prefix tokens (class, ...) first, then the patch grid row-major,
// or, after patches were dropped (model/interventions.h), only the kept patches in grid order.
struct TokenLayout {
  int64_t prefixTokens = 1;  // class, distillation, register tokens
  int64_t gridRows = 8;
  int64_t gridCols = 8;
  bool classToken = true;              // token 0 is a class token (a model may have registers and no class token)
  std::vector<int64_t> keptPatches{};  // the patch tokens present, ascending; empty: every patch of the grid
  int64_t patchTokens() const {
    return keptPatches.empty() ? gridRows * gridCols : static_cast<int64_t>(keptPatches.size());
  }
  int64_t tokens() const { return prefixTokens + patchTokens(); }
  bool dropped() const { return !keptPatches.empty(); }
};

// The layout with these patches (row-major, ascending, unique, validated) removed from the sequence.
TokenLayout withoutPatches(TokenLayout layout, const std::vector<int>& droppedPatches);
// The token of grid patch `patch`, or -1 where it was dropped. Throws std::out_of_range beyond the grid.
int64_t patchToken(const TokenLayout& layout, int64_t patch);
// (patchTokens) values, one per patch token in sequence order -> (gridRows, gridCols) float32 on the CPU, NaN at
// the dropped patches.
at::Tensor patchValuesToGrid(const at::Tensor& values, const TokenLayout& layout);

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
