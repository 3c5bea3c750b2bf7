// LibTorch 1.13's boxed dispatch (Dispatcher::callBoxed, inlined here) trips GCC 12's -Wnull-dereference inside
// c10::List; the warning is in LibTorch's header code, not ours.
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include "model/int8_linear.h"

#include "model/compute_dtype.h"
#include "model/cpu_gemm.h"

#include <ATen/Context.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/grad_mode.h>
#include <ATen/core/stack.h>
#include <ATen/ops/linear.h>
#include <ATen/ops/quantize_per_channel.h>
#include <ATen/ops/zeros.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace vitlens {
namespace {

// The oneDNN engine has per-channel int8 weights and a dynamic Linear on x86 (Debian's LibTorch has no fbgemm).
void selectOnednnEngine() {
  static std::once_flag once;
  std::call_once(once, [] {
    const auto& engines = at::globalContext().supportedQEngines();
    if (std::find(engines.begin(), engines.end(), at::QEngine::ONEDNN) == engines.end()) {
      throw std::runtime_error("int8 needs LibTorch's oneDNN quantized engine, which this LibTorch lacks; use float32");
    }
    at::globalContext().setQEngine(at::QEngine::ONEDNN);
  });
}

c10::OperatorHandle quantizedOp(const char* name) { return c10::Dispatcher::singleton().findSchemaOrThrow(name, ""); }

}  // namespace

// Where the CPU has no int8 dot product that accumulates in 32 bits (VNNI, AMX), oneDNN adds pairs of u8 x s8
// products in 16 bits (vpmaddubsw), and 2 x 255 x 127 overflows it. Either the activations or the weights must give
// up a bit; measured on an AVX2-only EPYC with the built-in model on 1000 CIFAR-10 test images, top-1 agreement with
// float32: 92.7 % with both at 8 bits (saturating), 97.4 % with 7-bit activations (PyTorch's reduce_range), 98.9 %
// with 7-bit per-channel weights (2 x 255 x 63 fits). So the weights give it up there; elsewhere both keep 8 bits.
double Int8Linear::weightLevels() { return cpuFeatures().int8Dot ? 127.0 : 63.0; }

Int8Linear::Int8Linear(const torch::nn::Linear& linear) {
  selectOnednnEngine();
  at::NoGradGuard noGrad;
  const at::Tensor weight = linear->weight.detach().to(at::kFloat).contiguous();  // (out, in)
  // Per output channel: scale = max |w| / 127, zero point 0 (symmetric, as oneDNN's int8 weights must be); / 63
  // where the CPU has no 32-bit int8 dot product (weightLevels). An all-zero row gets scale 1 rather than 0.
  const at::Tensor peak = weight.abs().amax({1});  // (out)
  const at::Tensor scales = at::where(peak > 0, peak / weightLevels(), at::ones_like(peak)).to(at::kDouble);
  const at::Tensor zeroPoints = at::zeros({weight.size(0)}, at::kLong);
  const at::Tensor qweight = at::quantize_per_channel(weight, scales, zeroPoints, 0, at::kQInt8);
  torch::jit::Stack stack;
  stack.emplace_back(qweight);
  if (linear->bias.defined()) {
    stack.emplace_back(linear->bias.detach().to(at::kFloat).contiguous());
  } else {
    stack.emplace_back(c10::IValue());
  }
  quantizedOp("quantized::linear_prepack").callBoxed(&stack);
  packed_ = std::move(stack.at(0));
}

torch::Tensor Int8Linear::forward(const torch::Tensor& x) const {
  static const c10::OperatorHandle linearDynamic = quantizedOp("quantized::linear_dynamic");
  torch::jit::Stack stack;
  stack.emplace_back(x.contiguous());
  stack.emplace_back(packed_);
  stack.emplace_back(false);  // reduce_range off: all 8 bits for the activations (see weightLevels)
  linearDynamic.callBoxed(&stack);
  return stack.at(0).toTensor();
}

torch::Tensor runLinear(torch::nn::Linear& linear, const Int8Linear& int8, const torch::Tensor& x) {
  if (int8.packed() && !at::GradMode::is_enabled()) return int8.forward(x);
  // at::linear, not linear->forward: the C++ frontend's F::linear fuses the bias only for 2-D input and otherwise
  // runs matmul then add_ (profiled: 3.8 ms of a 56 ms ViT-B/16 bfloat16 pass); at::linear takes addmm for 3-D.
  // float32 inference on the CPU: straight to oneDNN's sgemm where it is in use (model/cpu_gemm.h).
  if (gemmLinearApplies(x, linear->weight, linear->bias)) return gemmLinear(x, linear->weight, linear->bias);
  return at::linear(x, linear->weight, linear->bias);
}

}  // namespace vitlens
