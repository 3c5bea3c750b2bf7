#include "model/attention.h"

#include <ATen/core/grad_mode.h>
#include <ATen/ops/amax.h>
#include <ATen/ops/bmm.h>
#include <ATen/ops/softmax.h>
#include <torch/version.h>

#include <cmath>

#include "model/attention_blas.h"

#if TORCH_VERSION_MAJOR >= 2
#include <ATen/ops/scaled_dot_product_attention.h>
#endif

namespace vitlens {

namespace {

// q k^T scaled, as one batched product over (batch x heads): at::matmul on the 4-D views expands, reshapes and
// multiplies q by the scale as separate ops first (cifar-seed's sizes, one thread, the same ops timed from Python:
// 26 us against 16 us per product; ViT-B/16's on par). Not baddbmm with beta 0: LibTorch 1.13's small-matrix kernel
// multiplies its uninitialised result by beta, and 0 * NaN is NaN (seen in tst_interventions with 3 tokens). (B, heads,
// N, head_dim) x2 -> (B, heads, N, N).
torch::Tensor scaledScores(const torch::Tensor& q, const torch::Tensor& k, double scale) {
  const int64_t batch = q.size(0), heads = q.size(1), tokens = q.size(2), headDim = q.size(3);
  const auto q3 = q.reshape({batch * heads, tokens, headDim});  // (B*heads, N, head_dim); a view at batch 1
  const auto k3 = k.reshape({batch * heads, tokens, headDim});  // (B*heads, N, head_dim)
  // In place on bmm's own output, which its backward does not read.
  return at::bmm(q3, k3.transpose(1, 2)).mul_(scale).view({batch, heads, tokens, tokens});  // (B, heads, N, N)
}

// A V as one batched product: (B, heads, N, N) x (B, heads, N, head_dim) -> (B, heads, N, head_dim).
torch::Tensor weightedValues(const torch::Tensor& attn, const torch::Tensor& v) {
  const int64_t batch = v.size(0), heads = v.size(1), tokens = v.size(2), headDim = v.size(3);
  return at::bmm(attn.reshape({batch * heads, tokens, tokens}), v.reshape({batch * heads, tokens, headDim}))
      .view({batch, heads, tokens, headDim});  // (B, heads, N, head_dim)
}

// Softmax over the keys. Without gradients and in float32 it is written out as exp(s - max) / sum: LibTorch 1.13's
// fused kernel is slow when a row is not a whole number of its vectors (C++ loop, one thread, Zen 4: 65 keys, as
// cifar-seed has, 23.4 us per (1, 3, 65, 65) against 11.7 us with 64 keys; written out, 15.5 us; ViT-B/16's 197
// keys: 506 against 438 us per layer); the two agree to 3e-8. With gradients (explanations) and in reduced
// precision the fused op: its backward needs no care about the in-place steps, and it rounds once. On CUDA too.
torch::Tensor keySoftmax(const torch::Tensor& scores) {
  if (at::GradMode::is_enabled() || scores.scalar_type() != at::kFloat || !scores.is_cpu()) {
    return at::softmax(scores, -1);  // one kernel on CUDA, not five
  }
  auto weights = (scores - scores.amax(-1, /*keepdim=*/true)).exp_();  // (B, heads, N, N)
  return weights.div_(weights.sum(-1, /*keepdim=*/true));
}

}  // namespace

AttentionImpl::AttentionImpl(const VitConfig& config)
    : numHeads_(config.numHeads), headDim_(config.headDim()), scale_(1.0 / std::sqrt(double(config.headDim()))) {
  const int64_t dim = config.embedDim;
  qkv = register_module("qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, 3 * dim).bias(config.qkvBias)));
  proj = register_module("proj", torch::nn::Linear(dim, dim));
}

// Reduced precision (qkv's weights bfloat16 / float16): the input is converted once, q k^T, the softmax and A V
// run in that dtype (oneDNN's bfloat16 kernels), the output goes back to the input's dtype once. Measured on an
// AMX Xeon, this is what makes bfloat16 pay: converting around each Linear and keeping the attention products and
// the softmax in float32 cost more than the bfloat16 Linears saved (README, "CPU speed").
torch::Tensor AttentionImpl::forward(const torch::Tensor& x, torch::Tensor* probsOut, const torch::Tensor* headMask) {
  const int64_t batch = x.size(0);
  const int64_t tokens = x.size(1);
  const int64_t dim = x.size(2);
  const auto compute = qkv->weight.scalar_type();
  const auto qkvOut = runLinear(qkv, qkvInt8_, x.to(compute));  // (B, N, 3D)

  torch::Tensor out;  // (B, N, D)
  const bool viaBlas = blasAttentionApplies(qkvOut);
#if TORCH_VERSION_MAJOR >= 2
  const bool fused = probsOut == nullptr;  // LibTorch 2's fused kernel when the probabilities are not wanted
#else
  const bool fused = false;
#endif
  if (viaBlas && !fused) {
    // The explicit path's operations with the products through BLAS (model/attention_blas.h); with or without
    // capture the same ones, so a layer gives the same bits either way.
    const auto attn = keySoftmax(blasScaledScores(qkvOut, numHeads_, scale_));  // (B, heads, N, N)
    if (probsOut != nullptr) *probsOut = attn;
    out = blasWeightedValues(attn, qkvOut, numHeads_);  // (B, N, D)
  } else {
    out = atenAttention(qkvOut, probsOut);  // (B, N, D)
  }
  if (headMask != nullptr) {  // ablation: (heads) for the whole batch, or (B, heads) per image
    out = (out.view({batch, tokens, numHeads_, headDim_}) *
           headMask->to(out.scalar_type()).view({headMask->dim() == 1 ? 1 : batch, 1, numHeads_, 1}))
              .view({batch, tokens, dim});  // (B, N, D)
  }
  return runLinear(proj, projInt8_, out).to(x.scalar_type());
}

// ATen's products: gradients, reduced precision, CUDA, or no BLAS sgemm to call. (B, N, 3D) -> (B, N, D).
torch::Tensor AttentionImpl::atenAttention(const torch::Tensor& qkvOut, torch::Tensor* probsOut) const {
  const int64_t batch = qkvOut.size(0);
  const int64_t tokens = qkvOut.size(1);
  const int64_t dim = qkvOut.size(2) / 3;
  const auto compute = qkvOut.scalar_type();
  const auto qkvAll = qkvOut
                          .reshape({batch, tokens, 3, numHeads_, headDim_})  // (B, N, 3, heads, head_dim)
                          .permute({2, 0, 3, 1, 4});                         // (3, B, heads, N, head_dim)
  const auto q = qkvAll[0];                                                  // (B, heads, N, head_dim)
  const auto k = qkvAll[1];                                                  // (B, heads, N, head_dim)
  const auto v = qkvAll[2];                                                  // (B, heads, N, head_dim)
  torch::Tensor headsOut;                                                    // (B, heads, N, head_dim)
  if (probsOut != nullptr) {
    // Explicit path: the probabilities are the point, so keep them: in the compute dtype without gradients (half
    // the memory of float32, and no conversion; readers widen the rows they read), float32 on the graph's path.
    const auto scores = scaledScores(q, k, scale_);  // (B, heads, N, N)
    torch::Tensor attn;
    if (compute == at::kFloat) {
      attn = keySoftmax(scores);
      *probsOut = attn;
    } else if (at::GradMode::is_enabled()) {
      // Gradients are asked of the captured maps (explanations): the float32 copy must be on the graph's path.
      *probsOut = at::softmax(scores, -1, at::kFloat);
      attn = probsOut->to(compute);
    } else {
      attn = at::softmax(scores, -1);
      *probsOut = attn;
    }
    headsOut = weightedValues(attn, v);  // (B, heads, N, head_dim)
  } else {
#if TORCH_VERSION_MAJOR >= 2
    headsOut = at::scaled_dot_product_attention(q, k, v);  // fused kernel; default scale is head_dim^-0.5
#else
    // LibTorch 1.x has no fused kernel: the explicit path's very operations, probabilities dropped, so a layer
    // gives the same bits whether or not its attention is captured (a view that captures one layer shows the
    // same map as one that captures all).
    headsOut = weightedValues(keySoftmax(scaledScores(q, k, scale_)), v);  // (B, heads, N, head_dim)
#endif
  }
  return headsOut.transpose(1, 2).reshape({batch, tokens, dim});  // (B, N, D)
}

void AttentionImpl::setInt8(bool on) {
  qkvInt8_ = on ? Int8Linear(qkv) : Int8Linear();
  projInt8_ = on ? Int8Linear(proj) : Int8Linear();
}

}  // namespace vitlens
