#include "analysis/attention_map.h"

#include <ATen/ATen.h>

#include <algorithm>

#include <limits>
#include <stdexcept>
#include <string>

namespace vitlens {
namespace {

void checkIndex(int64_t value, int64_t count, const char* what) {
  if (value < 0 || value >= count) {
    throw std::out_of_range(std::string(what) + " " + std::to_string(value) + " is out of range (0.." +
                            std::to_string(count - 1) + ")");
  }
}

}  // namespace

TokenLayout withoutPatches(TokenLayout layout, const std::vector<int>& droppedPatches) {
  if (droppedPatches.empty()) return layout;
  const int64_t patches = layout.gridRows * layout.gridCols;
  std::vector<bool> dropped(static_cast<size_t>(patches), false);
  for (int p : droppedPatches) {
    checkIndex(p, patches, "patch");
    dropped[static_cast<size_t>(p)] = true;
  }
  layout.keptPatches.clear();
  for (int64_t p = 0; p < patches; ++p) {
    if (!dropped[static_cast<size_t>(p)]) layout.keptPatches.push_back(p);
  }
  return layout;
}

int64_t patchToken(const TokenLayout& layout, int64_t patch) {
  checkIndex(patch, layout.gridRows * layout.gridCols, "patch");
  if (!layout.dropped()) return layout.prefixTokens + patch;
  const auto found = std::lower_bound(layout.keptPatches.begin(), layout.keptPatches.end(), patch);
  if (found == layout.keptPatches.end() || *found != patch) return -1;
  return layout.prefixTokens + (found - layout.keptPatches.begin());
}

at::Tensor patchValuesToGrid(const at::Tensor& values, const TokenLayout& layout) {
  const at::Tensor flat = values.to(at::kCPU, at::kFloat).reshape({-1});  // (patchTokens)
  if (flat.size(0) != layout.patchTokens()) {
    throw std::invalid_argument("expected " + std::to_string(layout.patchTokens()) + " patch values, got " +
                                std::to_string(flat.size(0)));
  }
  if (!layout.dropped()) return flat.reshape({layout.gridRows, layout.gridCols}).contiguous();  // (rows, cols)
  at::Tensor grid = at::full({layout.gridRows * layout.gridCols}, std::numeric_limits<float>::quiet_NaN(), at::kFloat);
  grid.index_copy_(0, at::tensor(layout.keptPatches, at::kLong), flat);
  return grid.reshape({layout.gridRows, layout.gridCols});  // (rows, cols), NaN where dropped
}

at::Tensor fuseHeads(const at::Tensor& layerAttention, const HeadSelection& selection) {
  const int64_t heads = layerAttention.size(0);
  switch (selection.reduce) {
    case HeadReduce::Single:
      checkIndex(selection.head, heads, "head");
      return layerAttention[selection.head];
    case HeadReduce::Mean:
      return layerAttention.mean(0);
    case HeadReduce::Max:
      return std::get<0>(layerAttention.max(0));
    case HeadReduce::Min:
      return std::get<0>(layerAttention.min(0));
  }
  throw std::invalid_argument("unknown head selection");
}

namespace {

// The query's full attention row of one layer, heads fused: (N).
at::Tensor queryRow(const std::vector<at::Tensor>& attention, int64_t layer, const HeadSelection& selection,
                    int64_t queryToken, const TokenLayout& layout, int64_t batchIndex) {
  checkIndex(layer, static_cast<int64_t>(attention.size()), "layer");
  const at::Tensor& layerAttention = attention[static_cast<size_t>(layer)];  // (B, heads, N, N)
  checkIndex(batchIndex, layerAttention.size(0), "batch index");
  if (layerAttention.size(2) != layout.tokens() || layerAttention.size(3) != layout.tokens()) {
    throw std::invalid_argument("attention has " + std::to_string(layerAttention.size(3)) + " tokens, layout expects " +
                                std::to_string(layout.tokens()));
  }
  checkIndex(queryToken, layout.tokens(), "query token");
  // The query's row first, then the heads fused: H x N values instead of H x N x N (ViT-L/16 at 384: 9 k instead
  // of 5.3 M per head). fuseHeads reduces over dim 0 either way.
  // Widened after the row is picked: maps captured in bfloat16 / float16 stay so on their device.
  return fuseHeads(layerAttention[batchIndex].select(1, queryToken).to(at::kFloat), selection);  // (heads, N) -> (N)
}

}  // namespace

at::Tensor attentionMap(const std::vector<at::Tensor>& attention, int64_t layer, const HeadSelection& selection,
                        int64_t queryToken, const TokenLayout& layout, int64_t batchIndex) {
  // Patch columns only: prefix tokens are not part of the image.
  return patchValuesToGrid(queryRow(attention, layer, selection, queryToken, layout, batchIndex)
                               .slice(0, layout.prefixTokens, layout.tokens()),  // (patchTokens)
                           layout);                                              // (rows, cols)
}

at::Tensor prefixAttention(const std::vector<at::Tensor>& attention, int64_t layer, const HeadSelection& selection,
                           int64_t queryToken, const TokenLayout& layout, int64_t batchIndex) {
  return queryRow(attention, layer, selection, queryToken, layout, batchIndex)
      .slice(0, 0, layout.prefixTokens)  // (prefix)
      .to(at::kCPU, at::kFloat)
      .contiguous();
}

at::Tensor readMap(const at::Tensor& matrix, const TokenLayout& layout) {
  if (matrix.dim() != 2 || matrix.size(0) != layout.tokens() || matrix.size(1) != layout.tokens()) {
    throw std::invalid_argument("the token matrix does not match the token layout");
  }
  const at::Tensor patchColumns = matrix.slice(1, layout.prefixTokens, layout.tokens());  // (N, P')
  // Without a class token: the mean over the patch rows present, as average pooling reads the kept tokens.
  const at::Tensor row = layout.classToken && layout.prefixTokens > 0
                             ? patchColumns[0]
                             : patchColumns.slice(0, layout.prefixTokens, layout.tokens()).mean(0);  // (P')
  return patchValuesToGrid(row, layout);                                                             // (rows, cols)
}

}  // namespace vitlens
