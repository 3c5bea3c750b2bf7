#pragma once
// The transformer block's MLP: Linear -> GELU (exact, erf) -> Linear (timm's Mlp).
#include <torch/nn/module.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "model/int8_linear.h"
#include "model/vit_config.h"

namespace vitlens {

class MlpImpl : public torch::nn::Module {
 public:
  explicit MlpImpl(const VitConfig& config);

  torch::Tensor forward(const torch::Tensor& x);  // (B, N, D) -> (B, N, D)

  torch::nn::Linear fc1{nullptr};  // D -> mlp_dim
  torch::nn::GELU act{nullptr};    // exact erf GELU, no parameters
  torch::nn::Linear fc2{nullptr};  // mlp_dim -> D

  void setInt8(bool on);  // as AttentionImpl::setInt8

 private:
  Int8Linear fc1Int8_;
  Int8Linear fc2Int8_;
};
TORCH_MODULE(Mlp);

}  // namespace vitlens
