#include "model/attention.h"

#include "model/linear_dtype.h"

#include <ATen/ops/bmm.h>
#include <ATen/ops/matmul.h>
#include <ATen/ops/softmax.h>
#include <torch/version.h>

#include <cmath>

#if TORCH_VERSION_MAJOR >= 2
#include <ATen/ops/scaled_dot_product_attention.h>
#endif

namespace vitlens {

AttentionImpl::AttentionImpl(const VitConfig& config)
    : numHeads_(config.numHeads), headDim_(config.headDim()), scale_(1.0 / std::sqrt(double(config.headDim()))) {
  const int64_t dim = config.embedDim;
  qkv = register_module("qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, 3 * dim).bias(config.qkvBias)));
  proj = register_module("proj", torch::nn::Linear(dim, dim));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x, torch::Tensor* probsOut, const torch::Tensor* headMask) {
  const int64_t batch = x.size(0);
  const int64_t tokens = x.size(1);
  const int64_t dim = x.size(2);
  auto qkvAll = linearInWeightDtype(qkv, x)                            // (B, N, 3D)
                    .reshape({batch, tokens, 3, numHeads_, headDim_})  // (B, N, 3, heads, head_dim)
                    .permute({2, 0, 3, 1, 4});                         // (3, B, heads, N, head_dim)
  const auto q = qkvAll[0];                                            // (B, heads, N, head_dim)
  const auto k = qkvAll[1];                                            // (B, heads, N, head_dim)
  const auto v = qkvAll[2];                                            // (B, heads, N, head_dim)

  torch::Tensor out;  // (B, heads, N, head_dim)
  if (probsOut != nullptr) {
    // Explicit path: the probabilities are the point, so keep them.
    auto attn = at::matmul(q * scale_, k.transpose(-2, -1));  // (B, heads, N, N)
    attn = at::softmax(attn, -1);
    out = at::matmul(attn, v);  // (B, heads, N, head_dim)
    *probsOut = attn;
  } else {
#if TORCH_VERSION_MAJOR >= 2
    out = at::scaled_dot_product_attention(q, k, v);  // fused kernel; default scale is head_dim^-0.5
#else
    // LibTorch 1.x has no fused kernel: the same math, scaled and normalised in place, probabilities dropped.
    // (Not baddbmm with beta = 0 on an uninitialised tensor: that propagated NaNs from the garbage here.)
    const auto q3 = q.reshape({batch * numHeads_, tokens, headDim_});                       // (B*heads, N, head_dim)
    const auto kT = k.reshape({batch * numHeads_, tokens, headDim_}).transpose(1, 2);       // (B*heads, head_dim, N)
    const auto v3 = v.reshape({batch * numHeads_, tokens, headDim_});                       // (B*heads, N, head_dim)
    auto scores = at::bmm(q3, kT).mul_(scale_);                                             // (B*heads, N, N)
    out = at::bmm(at::softmax(scores, -1), v3).view({batch, numHeads_, tokens, headDim_});  // (B, heads, N, head_dim)
#endif
  }
  if (headMask != nullptr) {  // ablation: (heads) for the whole batch, or (B, heads) per image
    out = out * headMask->to(out.scalar_type()).view({headMask->dim() == 1 ? 1 : batch, numHeads_, 1, 1});
  }
  out = out.transpose(1, 2).reshape({batch, tokens, dim});  // (B, N, D)
  return linearInWeightDtype(proj, out);
}

}  // namespace vitlens
