#include "model/mlp.h"

namespace vitlens {

MlpImpl::MlpImpl(const VitConfig& config) {
  fc1 = register_module("fc1", torch::nn::Linear(config.embedDim, config.mlpDim));
  act = register_module("act", torch::nn::GELU());
  fc2 = register_module("fc2", torch::nn::Linear(config.mlpDim, config.embedDim));
}

// In fc1's dtype throughout (GELU too), converted once on the way in and once on the way out; see attention.cpp.
torch::Tensor MlpImpl::forward(const torch::Tensor& x) {
  const auto hidden = act->forward(runLinear(fc1, fc1Int8_, x.to(fc1->weight.scalar_type())));  // (B, N, mlp_dim)
  return runLinear(fc2, fc2Int8_, hidden).to(x.scalar_type());                                  // (B, N, D)
}

void MlpImpl::setInt8(bool on) {
  fc1Int8_ = on ? Int8Linear(fc1) : Int8Linear();
  fc2Int8_ = on ? Int8Linear(fc2) : Int8Linear();
}

}  // namespace vitlens
