## 结果表格与图：分析模块 (analysis::study) 使用的标题、列名、标签与脚注。键以 results- 开头。
