#pragma once
// Multi-head self-attention with a fused q/k/v projection (timm's Attention).
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "model/int8_linear.h"
#include "model/vit_config.h"

namespace vitlens {

class AttentionImpl : public torch::nn::Module {
 public:
  explicit AttentionImpl(const VitConfig& config);

  // x: (B, N, D) -> (B, N, D) in x's dtype, computed in qkv's weight dtype. With probsOut, takes the explicit
  // softmax(q k^T * scale) path and stores the probabilities (B, heads, N, N) there: float32 when the layer
  // computes in float32 or gradients are on, otherwise in the compute dtype; without, uses the cheapest kernel.
  // headMask (heads), when given, scales each head's slice of A V before the output projection: 0 ablates that head;
  // (B, heads) masks each image of the batch on its own.
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor* probsOut = nullptr,
                        const torch::Tensor* headMask = nullptr);

  torch::nn::Linear qkv{nullptr};   // D -> 3D
  torch::nn::Linear proj{nullptr};  // D -> D

  // int8: packs qkv and proj (model/int8_linear.h); false: back to the float layers.
  void setInt8(bool on);

 private:
  torch::Tensor atenAttention(const torch::Tensor& qkvOut, torch::Tensor* probsOut) const;

  int64_t numHeads_;
  int64_t headDim_;
  double scale_;  // head_dim^-0.5
  Int8Linear qkvInt8_;
  Int8Linear projInt8_;
};
TORCH_MODULE(Attention);

}  // namespace vitlens
