#pragma once
// Evaluating a model file on an image folder: accuracy, per-class accuracy and the confusion matrix. Free of torch
// headers, so the CLI only sees plain numbers.
#include <string>

#include "engine/folder_evaluation.h"  // ConfusionMatrix, FolderEvaluation

namespace vitlens {

using Evaluation = FolderEvaluation;

// Loads the model on the CPU and evaluates it on dataDir/<class>/* (Engine::evaluateFolder). threads: decoding
// threads. Throws DatasetError / std::runtime_error for unusable inputs (a folder without classes, a class folder
// that is not a label); an image that cannot be read is counted in `failed` and listed in perImage.
Evaluation evaluateModelFile(const std::string& modelPath, const std::string& dataDir, int batch, int threads);

}  // namespace vitlens
