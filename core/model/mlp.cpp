#include "model/mlp.h"

namespace vitlens {

MlpImpl::MlpImpl(const VitConfig& config) {
  fc1 = register_module("fc1", torch::nn::Linear(config.embedDim, config.mlpDim));
  act = register_module("act", torch::nn::GELU());
  fc2 = register_module("fc2", torch::nn::Linear(config.mlpDim, config.embedDim));
}

torch::Tensor MlpImpl::forward(const torch::Tensor& x) {
  return fc2->forward(act->forward(fc1->forward(x)));  // (B, N, mlp_dim) inside
}

}  // namespace vitlens
