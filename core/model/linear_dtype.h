#pragma once
// The classifier head in reduced precision: its weights may be bfloat16 or float16 while the features reaching it
// (after the final LayerNorm) are float32.
#include <ATen/ops/linear.h>
#include <torch/nn/modules/linear.h>

namespace vitlens {

// Runs `linear` in its weights' dtype and returns the result in the input's dtype. at::linear rather than
// linear->forward, which fuses the bias only for 2-D input (see runLinear in int8_linear.h).
inline torch::Tensor linearInWeightDtype(torch::nn::Linear& linear, const torch::Tensor& x) {
  // Both .to calls return their tensor itself when the dtype already matches.
  return at::linear(x.to(linear->weight.scalar_type()), linear->weight, linear->bias).to(x.scalar_type());
}

}  // namespace vitlens
