#pragma once
// Mixed precision the way CPU autocast splits it: the linear layers (nearly all of a ViT's arithmetic) may hold
// bfloat16 or float16 weights while the residual stream, LayerNorms and softmax stay float32.
#include <torch/nn/modules/linear.h>

namespace vitlens {

// Runs `linear` in its weights' dtype and returns the result in the input's dtype.
inline torch::Tensor linearInWeightDtype(torch::nn::Linear& linear, const torch::Tensor& x) {
  const auto dtype = linear->weight.scalar_type();
  if (x.scalar_type() == dtype) return linear->forward(x);
  return linear->forward(x.to(dtype)).to(x.scalar_type());
}

}  // namespace vitlens
