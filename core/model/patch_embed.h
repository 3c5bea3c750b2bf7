#pragma once
// Patch embedding: a Conv2d with kernel = stride = patch size, then the grid flattened into tokens.
#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include "model/vit_config.h"

namespace vitlens {

class PatchEmbedImpl : public torch::nn::Module {
 public:
  explicit PatchEmbedImpl(const VitConfig& config);

  // (B, C, H, W) -> (B, N, D), tokens in row-major grid order.
  torch::Tensor forward(const torch::Tensor& images);

  torch::nn::Conv2d proj{nullptr};  // C -> D, kernel = stride = patch
};
TORCH_MODULE(PatchEmbed);

}  // namespace vitlens
