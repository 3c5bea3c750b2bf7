#pragma once
// int8 dynamic quantization of one Linear layer for CPUs without native bfloat16: the weights quantized once per
// output channel (symmetric, scale = max |w| / 127), the activations quantized per call (per batch, full 8-bit
// range: reduce_range off) by LibTorch's quantized::linear_dynamic on the oneDNN engine; float32 in, float32 out.
#include <ATen/core/ivalue.h>
#include <torch/nn/modules/linear.h>

namespace vitlens {

class Int8Linear {
 public:
  Int8Linear() = default;
  // Packs `linear`'s current weights; throws std::runtime_error when this LibTorch has no oneDNN quantized engine.
  explicit Int8Linear(const torch::nn::Linear& linear);

  bool packed() const { return !packed_.isNone(); }
  // x (..., in) float32 -> (..., out) float32. No autograd: callers use the float32 layer when gradients are on.
  torch::Tensor forward(const torch::Tensor& x) const;
  // Quantisation levels of the weights either side of zero: 127, or 63 on CPUs without a 32-bit int8 dot product.
  static double weightLevels();

 private:
  c10::IValue packed_;  // LinearPackedParamsBase, opaque to us
};

// Runs `linear` on x, which is already in the layer's compute dtype: through `int8` when it is packed and no
// gradient is being recorded, else through the layer itself.
torch::Tensor runLinear(torch::nn::Linear& linear, const Int8Linear& int8, const torch::Tensor& x);

}  // namespace vitlens
