#include "model/mlp.h"

#include "model/linear_dtype.h"

namespace vitlens {

MlpImpl::MlpImpl(const VitConfig& config) {
  fc1 = register_module("fc1", torch::nn::Linear(config.embedDim, config.mlpDim));
  act = register_module("act", torch::nn::GELU());
  fc2 = register_module("fc2", torch::nn::Linear(config.mlpDim, config.embedDim));
}

torch::Tensor MlpImpl::forward(const torch::Tensor& x) {
  return linearInWeightDtype(fc2, act->forward(linearInWeightDtype(fc1, x)));  // (B, N, mlp_dim) inside
}

}  // namespace vitlens
