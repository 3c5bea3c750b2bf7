#include "training/evaluation.h"

#include "engine/engine.h"

namespace vitlens {

Evaluation evaluateModelFile(const std::string& modelPath, const std::string& dataDir, int batch, int threads) {
  ModelLoadOptions float32;  // the figures training reports are float32's, whatever the CPU offers
  float32.dtype = ComputeDtype::Float32;
  Engine engine(modelPath, DeviceChoice::Cpu, float32);
  FolderOptions options;
  options.batch = batch;
  options.threads = threads;
  return engine.evaluateFolder(dataDir, options);
}

}  // namespace vitlens
