#include "bench_run.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>
#include <torch/cuda.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

#include "analysis/explanation.h"
#include "model/compute_dtype.h"
#include "model/cpu_gemm.h"
#include "model/device_memory.h"
#include "model/model_source.h"
#include "model/runtime.h"

namespace vitlens::bench {
namespace {

using Clock = std::chrono::steady_clock;

void synchronize(const c10::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize();
}

// Median and range of `work`'s latency after the warm-up, timed until both the run count and the time are reached.
BenchFigure timeRuns(const std::function<void()>& work, const c10::Device& device, const BenchOptions& options) {
  for (int i = 0; i < options.warmup; ++i) work();
  synchronize(device);
  std::vector<double> timesMs;
  const auto begin = Clock::now();
  while (static_cast<int>(timesMs.size()) < options.iterations ||
         std::chrono::duration<double>(Clock::now() - begin).count() < options.minSeconds) {
    const auto start = Clock::now();
    work();
    synchronize(device);
    timesMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (timesMs.size() >= 100000) break;
  }
  std::sort(timesMs.begin(), timesMs.end());
  BenchFigure figure;
  figure.runs = static_cast<int>(timesMs.size());
  const size_t n = timesMs.size();
  figure.medianMs = n % 2 ? timesMs[n / 2] : 0.5 * (timesMs[n / 2 - 1] + timesMs[n / 2]);
  figure.minMs = timesMs.front();
  figure.maxMs = timesMs.back();
  return figure;
}

// Peak resident memory of this process (VmHWM), in bytes; -1 when /proc is not there.
int64_t peakResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;  // "VmHWM:   123456 kB"
  }
  return -1;
}

BenchFigure timeForward(VisionTransformer& model, const c10::Device& device, int batch, bool attention,
                        const BenchOptions& options) {
  const VitConfig& config = model->config();
  // A host batch copied as the app copies its batches (pinned, asynchronous on CUDA).
  const torch::Tensor input =
      toDevice(at::randn({batch, config.channels, config.imageHeight, config.imageWidth}), device);
  AttentionCapture capture;
  capture.layers = options.captureLayers;
  BenchFigure figure = timeRuns(
      [&] {
        c10::InferenceMode inference;  // as the app's passes run (Engine::analyse)
        if (attention) {
          model->forward(input, capture);
        } else {
          model->forward(input, false);
        }
      },
      device, options);
  figure.batch = batch;
  figure.attention = attention;
  if (options.memory) figure.memoryBytes = device.is_cuda() ? cudaMemoryInUse() : peakResidentBytes();
  return figure;
}

}  // namespace

BenchReport runBenchmark(const BenchOptions& options) {
  const std::string deviceName = resolveDevice(parseDeviceChoice(options.device));
  const c10::Device device(deviceName == "cuda" ? c10::DeviceType::CUDA : c10::DeviceType::CPU);

  BenchReport report;
  report.device = deviceName;
  VisionTransformer model{nullptr};
  if (!options.model.empty()) {
    LoadedModel loaded = loadAnyModel(options.model, device);
    model = loaded.model;
    report.model = options.model;
  } else {
    at::manual_seed(0);
    VitConfig config = VitConfig::preset(options.preset);
    if (options.inputSize > 0) {
      config.imageHeight = options.inputSize;
      config.imageWidth = options.inputSize;
    }
    model = VisionTransformer(config);
    model->to(device);
    model->eval();
    report.model = options.preset;
    if (options.inputSize > 0) report.model += " at " + std::to_string(options.inputSize);
  }

  for (int layer : options.captureLayers) {
    if (layer >= model->config().depth) {
      throw std::runtime_error("--capture-layers " + std::to_string(layer) + " is out of range: the model has " +
                               std::to_string(model->config().depth) + " layers");
    }
  }
  // The same precision and threads the app runs.
  const ComputeDtype dtype =
      resolveComputeDtype(parseComputeDtype(options.dtype), deviceName, model->config().embedDim);
  report.dtype = computeDtypeName(dtype);
  model->setComputeDtype(dtype);
  const int64_t width = model->config().embedDim;
  configureThreads(options.threads, width, dtype);
  report.threads = currentThreads();
  report.blasThreads = blasThreadCount();
  at::NoGradGuard noGrad;  // explanations turn gradients on for their own pass
  if (!options.explain.empty()) {
    const VitConfig& config = model->config();
    const torch::Tensor input =
        at::randn({1, config.channels, config.imageHeight, config.imageWidth}, at::TensorOptions().device(device));
    for (const std::string& name : options.explain) {
      MapRequest request;
      request.method = parseMapMethod(name);
      BenchFigure figure = timeRuns([&] { explanationMap(model, input, request, 0); }, device, options);
      figure.method = name;
      report.results.push_back(figure);
    }
    return report;
  }
  for (int batch : options.batches) {
    configureThreads(options.threads, width, dtype, batch);  // as vitlens-cli evaluate does for its batches
    for (bool attention : options.attention) {
      BenchFigure figure = timeForward(model, device, batch, attention, options);
      figure.threads = currentThreads();
      figure.blasThreads = blasThreadCount();
      // bfloat16 computes its products in bfloat16; int8 keeps its attention products in float32.
      if (deviceName == "cpu" && dtype != ComputeDtype::BFloat16) figure.products = cpuGemmName(cpuGemmInUse());
      report.results.push_back(figure);
    }
  }
  return report;
}

}  // namespace vitlens::bench
