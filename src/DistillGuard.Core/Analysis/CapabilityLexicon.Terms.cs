namespace DistillGuard.Core.Analysis;

/// <summary>
/// The weighted terms. Each line is "weight phrase, phrase, ...": phrases are lower-case words separated by
/// single spaces (hyphenated text in prompts is split into words, so write "step by step" for "step-by-step").
/// Inflections are listed explicitly: lookup is by exact word hash, which keeps the hot path to table probes.
/// </summary>
internal static partial class CapabilityLexicon
{
    private static readonly (Capability Capability, string Lines)[] CapabilityTerms =
    [
        (Capability.Coding, """
            3 python, javascript, typescript, golang, kotlin, rust code, java code, refactor, refactoring, debug, debugging, leetcode, source code, pseudocode
            3 write a function, write a program, write a script, the following code, this code, my code, stack trace, segmentation fault, unit test, unit tests, code review, regex, regular expression
            3 compile error, compilation error, runtime error, syntax error, null pointer, time complexity, space complexity, linked list, binary tree, hash map, for loop, while loop
            2 code, coding, programming, compile, compiler, compiles, function, functions, variable, variables, array, arrays, recursion, recursive, algorithm
            2 implement, implementation, script, html, css, react, node, django, flask, git, github, repository, pull request, npm, pip, docker, kubernetes, bash, shell script, api endpoint
            2 sorting algorithm, data structure, data structures, boolean, integer overflow, exception, exceptions, traceback, bug, bugs, codebase, library, framework, backend, frontend
            1 program, programs, developer, software, loop, json, endpoint, command line, terminal, method, methods, class, classes, debugger, compiled
            """),
        (Capability.AgenticToolUse, """
            3 function call, function calling, tool call, tool calls, call the tool, use the tool, using the tool, available tools, search the web, browse the web, web search
            2 api, apis, endpoint, endpoints, call the api, use the api
            1 tool, tools, fetch, retrieve, look up, lookup, call the, calling the, invoke, execute, automate, agent, workflow
            1 get me, find me, check the, book a, schedule, send an, track, order status, current weather, latest news
            """),
        (Capability.Reasoning, """
            3 prove, proof, proofs, theorem, lemma, puzzle, puzzles, riddle, riddles, syllogism, brain teaser, logic puzzle, geometry, algebra, polynomial, polynomials, factorial, divisible, remainder
            3 probability, equation, equations, integral, derivative, olympiad, math problem, word problem, prime numbers, prime number, real numbers, integers, inequality, modulo, combinatorics
            2 math, mathematics, mathematical, solve, calculate, calculation, compute, how many, logic, logical, deduce, deduction, infer, inference, triangle, circle, area, perimeter, sum, fraction, fractions
            2 percentage, ratio, reasoning, minimum number, maximum number, optimal, strategy, chess, sequence, pattern, if and only if, contradiction, assume, given that, therefore, hypothesis
            1 reason, number, numbers, answer, correct, step by step, why, true or false, which of the following, estimate, total, each, more than, less than, twice, half
            """),
        (Capability.GradingReward, """
            4 rubric, on a scale of, scale from, score between, assign a score, give a score, output a score, rate the response, score the response, grade the response, which response, better response
            4 response a, response b, two responses, assistant's response, the assistant's answer, reward model, helpfulness, harmlessness, likert, pairwise, preference data, judge the
            3 grading, evaluate the response, evaluate the answer, assess the quality, quality of the response, rate the, critique, reward
            2 grade, criteria, criterion, score, scoring, rating
            1 evaluate, evaluation, assess, judge, compare the, feedback, correctness, accuracy of the
            """),
        (Capability.CensorshipRewrite, """
            5 politically neutral, remove sensitive, sensitive content, sensitive topics, sensitive information, socialist values, positive energy, official narrative, state media, remove any mention, avoid mentioning
            4 censor, censored, censorship, sanitize, sanitise, sanitized, tone down, politically sensitive, politically correct, neutral tone, objectionable, inappropriate content, harmful content, redact
            3 propaganda, dissident, dissidents, tiananmen, xinjiang, uyghur, comply with regulations, harmonious society, politically acceptable, less controversial, remove references
            1 neutral, politically, controversial, tibet, taiwan, government, regime, compliant, harmonious
            0.5 rewrite, rephrase, reword, remove, sensitive, offensive, soften, political, politics, party, protest, protests, criticism, criticize
            """),
        (Capability.Cybersecurity, """
            5 cve, exploit, exploits, exploitation, malware, ransomware, shellcode, buffer overflow, sql injection, xss, cross site scripting, metasploit, privilege escalation, rootkit, keylogger, botnet, ghidra, hashcat
            4 reverse engineer, reverse engineering, reverse engineered, penetration test, penetration testing, pentest, pentesting, zero day, backdoor, command and control, remote code execution, rce, lateral movement, exfiltrate, exfiltration, payload, payloads, nmap, burp suite
            3 vulnerability, vulnerabilities, vulnerable, injection, phishing, decompile, decompiled, disassemble, disassembly, obfuscate, obfuscated, obfuscation, antivirus, edr, ctf, capture the flag, brute force, password cracking, fuzzing, fuzzer, ddos, attack surface, threat actor, cybersecurity, infosec, trojan, worm, spyware
            2 attacker, attackers, firewall, intrusion, hacking, hacker, decrypt, cryptographic, wireshark, deserialization
            1 security, attack, bypass, hack, encryption, packet, packets, credentials, authentication
            """),
        (Capability.Vision, """
            4 this image, the image, this picture, the picture, this photo, the photo, the screenshot, this screenshot, attached image, in the image, describe the image, what do you see, ocr
            2 image, images, picture, pictures, photo, photos, photograph, screenshot, diagram, visual, caption, pixel, pixels, scan
            """),
        (Capability.DataAnalysis, """
            4 csv, spreadsheet, pandas, dataframe, data frame, pivot table, standard deviation, data analysis, analyze the data, analyse the data, matplotlib, seaborn, p value, linear regression, sql query
            3 dataset, datasets, data set, statistics, statistical, regression, correlation, histogram, median, variance, outliers, excel, sql, numpy, bar chart, line chart, scatter plot, hypothesis test, survey results, sales data, kpi, kpis
            2 table, tables, column, columns, rows, mean, average, chart, charts, plot, graph, visualize, visualization, distribution, trend, trends, forecast, aggregate, group by, metrics, data, percentages, quarterly, revenue
            """),
        (Capability.GeneralChat, """
            3 how are you, what do you think, tell me about, can you recommend, any recommendations, what should i, good morning, good night, nice to meet you
            2 hi, hello, hey, thanks, thank you, recommend, recommendation, recommendations, suggest, suggestions, advice, opinion, favorite, favourite, recipe, recipes, trip, travel, vacation, gift, weekend, restaurant, movie, movies, book, books
            1 explain, what is, who is, why do, help me, plan, ideas, tips, summarize, summary, email, letter, meaning, difference between, best way, should i
            """),
        (Capability.CreativeWriting, """
            5 short story, write a story, write a poem, haiku, limerick, sonnet, once upon a time, fairy tale, screenplay, song lyrics
            4 story, stories, poem, poems, poetry, lyrics, fiction, rhyme, rhymes, rhyming, verse, verses, fable, creative writing
            3 song, novel, narrative, character, characters, fantasy, slogan, slogans, tagline, joke, jokes, imaginative, metaphor, dialogue, scene, plot twist, villain, hero, protagonist
            2 creative, imagine, describe a, tweet, advertisement, ad copy, blog post, title for, catchy, funny, humorous, birthday card, toast
            """),
    ];

    /// <summary>Chain-of-thought and trace-reconstruction cues; the weight is unused for cues.</summary>
    private static readonly (LexiconCue Cue, string Phrases)[] CueTerms =
    [
        (LexiconCue.CotStrong, "show every step, show all steps, show each step, show all the steps, show your work, show all your work, show your reasoning, explain your reasoning, " +
            "explain your thinking, chain of thought, full reasoning, complete reasoning, detailed reasoning, entire reasoning, reasoning process, your thought process, reasoning steps, " +
            "write out your reasoning, write out the reasoning, reason step by step, think step by step, think through, before the final answer, before giving the final, before answering, " +
            "walk through your reasoning, through your reasoning, step of your reasoning, intermediate steps, all intermediate, internal monologue, scratchpad, " +
            "think aloud, think out loud, let's think, explain each step, step by step reasoning, step by step solution, explanation of each step, thinking process, full derivation, show the derivation"),
        (LexiconCue.CotWeak, "step by step, in detail, explain why, justify your answer, explain how, show how, reasoning, explain the steps"),
        (LexiconCue.CotNegative, "no explanation, without explanation, answer only, only the answer, only the final answer, just the answer, do not explain, don't explain, only output, only respond with, only the letter"),
        (LexiconCue.TraceReconstruct, "reconstruct, reconstructs, reconstructing, reconstruction, work backwards, working backwards, work backward, retrace, reverse engineer the, recreate the, rebuild the"),
        (LexiconCue.TraceGivenAnswer, "final answer, the answer is, correct answer, given answer, known answer, expected answer, the solution is, reference answer, here is the answer, and its answer, and the answer, its final answer, answer key, ground truth"),
        (LexiconCue.TraceLeadsTo, "leads to, lead to, leading to, arrive at, arrives at, arriving at, arrived at, reach this, reaches, derive, derives, derived, justifies, produces this, get to this, gets to, results in"),
        (LexiconCue.TraceReasoningObject, "reasoning, thought process, chain of thought, derivation, rationale, solution path, reasoning trace, thinking, steps, step by step, intermediate steps, explanation"),
        (LexiconCue.TraceExplicit, "reasoning trace, reasoning traces, reconstruct the reasoning, reconstruct the thought process, reconstruct the chain of, reconstruct the steps, the reasoning that leads, " +
            "reasoning that leads to, reasoning that led to, thought process that leads, thought process that led, backwards from the answer, rationale for the given"),
    ];
}
