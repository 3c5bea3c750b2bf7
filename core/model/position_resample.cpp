#include "model/position_resample.h"

#include <ATen/ops/cat.h>
#include <torch/nn/functional/upsampling.h>

#include <stdexcept>
#include <string>

namespace vitlens {

at::Tensor resamplePositionEmbedding(const at::Tensor& posEmbed, int64_t prefixRows, int64_t oldRows, int64_t oldCols,
                                     int64_t newRows, int64_t newCols, bool antialias) {
  if (posEmbed.dim() != 3 || posEmbed.size(0) != 1 || posEmbed.size(1) != prefixRows + oldRows * oldCols) {
    throw std::invalid_argument("resamplePositionEmbedding: pos_embed does not hold " + std::to_string(prefixRows) +
                                " prefix rows and a " + std::to_string(oldRows) + "x" + std::to_string(oldCols) +
                                " grid");
  }
  const int64_t dim = posEmbed.size(2);
  const at::Tensor source = posEmbed.to(at::kFloat);
  const at::Tensor prefix = source.narrow(1, 0, prefixRows);  // (1, prefix, D)
  at::Tensor grid = source.narrow(1, prefixRows, oldRows * oldCols)
                        .reshape({1, oldRows, oldCols, dim})  // (1, rows, cols, D)
                        .permute({0, 3, 1, 2});               // (1, D, rows, cols)
  namespace F = torch::nn::functional;
  grid = F::interpolate(grid, F::InterpolateFuncOptions()
                                  .size(std::vector<int64_t>{newRows, newCols})
                                  .mode(torch::kBicubic)
                                  .align_corners(false)
                                  .antialias(antialias));                  // (1, D, newRows, newCols)
  grid = grid.permute({0, 2, 3, 1}).reshape({1, newRows * newCols, dim});  // (1, newRows * newCols, D)
  return at::cat({prefix, grid}, 1).contiguous();                          // (1, prefix + new patches, D)
}

}  // namespace vitlens
