using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace SkillRt.Handoff.Delegation;

/// <summary>
/// The account of one handoff's spending, shared by every attempt and the grader: the limits of the
/// envelope's budget, what has been used, and the checks made before a model call and after each
/// chunk of its stream.
/// </summary>
/// <remarks>
/// Tokens of a call in progress are estimated (one per four characters, <see cref="TokenEstimate"/>)
/// until the provider reports the call's usage, which then replaces the estimate. A chunk is counted
/// before the check, and the check stops the stream the moment a limit is passed, so no limit is
/// passed by more than one chunk. Calls are made one at a time (the runner's loop is sequential), so
/// the lock only guards the snapshot a caller may take from another thread.
/// </remarks>
internal sealed class BudgetMeter(HandoffBudget budget, SkillPriceTable prices)
{
    private readonly object _gate = new();
    private long _inputTokens;
    private long _outputTokens;
    private int _turns;
    private bool _estimated;
    private decimal _cost;
    private bool _costKnown = true;

    public HandoffBudget Budget { get; } = budget;

    /// <summary>What has been used so far.</summary>
    public HandoffUsage Usage
    {
        get
        {
            lock (_gate)
            {
                return new HandoffUsage { InputTokens = _inputTokens, OutputTokens = _outputTokens, TotalTokens = _inputTokens + _outputTokens, Turns = _turns, Estimated = _estimated };
            }
        }
    }

    /// <summary>The estimated cost so far; <see langword="null"/> once a model without a price has been used.</summary>
    public decimal? Cost
    {
        get
        {
            lock (_gate)
            {
                return _costKnown ? _cost : null;
            }
        }
    }

    /// <summary>The output tokens a call may still produce, for the provider's own limit; <see langword="null"/> for no limit.</summary>
    public int? RemainingOutputTokens
    {
        get
        {
            lock (_gate)
            {
                long? remaining = null;
                if (Budget.OutputTokens is { } output)
                {
                    remaining = output - _outputTokens;
                }

                if (Budget.TotalTokens is { } total)
                {
                    remaining = Math.Min(remaining ?? long.MaxValue, total - _inputTokens - _outputTokens);
                }

                return remaining is { } value ? (int)Math.Clamp(value, 1, int.MaxValue) : null;
            }
        }
    }

    /// <summary>Starts a model call: refuses it when a limit is already reached or the prompt alone would pass one.</summary>
    /// <param name="model">The model id, for its price.</param>
    /// <param name="messages">The prompt, for its estimated size.</param>
    /// <returns>The call's meter.</returns>
    /// <exception cref="BudgetExhaustedException">No call may be made.</exception>
    public CallMeter BeginCall(string model, IEnumerable<ChatMessage> messages)
    {
        var promptTokens = TokenEstimate.Of(messages);
        lock (_gate)
        {
            if (Budget.Turns is { } turns && _turns >= turns)
            {
                throw new BudgetExhaustedException(BudgetLimit.Turns, Format($"The budget of {turns} model calls is used up; raise budget.turns, or simplify the task so it needs fewer calls."));
            }

            // A limit met exactly leaves no room for even one chunk of the next call.
            if (Exhausted() is { } spent)
            {
                throw new BudgetExhaustedException(spent, Describe(spent, "the calls made so far"));
            }

            var call = new CallMeter(this, model, promptTokens, prices.TryGetPrice(model, out var price) ? price : null);
            // The prompt is sent whole, so a prompt that would pass the limit is not sent at all.
            if (Exceeded(_inputTokens + promptTokens, _outputTokens, _cost + call.Cost) is { } limit)
            {
                throw new BudgetExhaustedException(limit, Describe(limit, "the next call's prompt (about " + promptTokens.ToString(CultureInfo.InvariantCulture) + " tokens)"));
            }

            _turns++;
            return call;
        }
    }

    private BudgetLimit? Exhausted() =>
        Budget.InputTokens is { } input && _inputTokens >= input ? BudgetLimit.InputTokens
        : Budget.OutputTokens is { } output && _outputTokens >= output ? BudgetLimit.OutputTokens
        : Budget.TotalTokens is { } total && _inputTokens + _outputTokens >= total ? BudgetLimit.TotalTokens
        : Budget.CostUsd is { } cost && _costKnown && _cost >= cost ? BudgetLimit.Cost
        : null;

    /// <summary>The limit the given totals pass, if any.</summary>
    private BudgetLimit? Exceeded(long input, long output, decimal cost)
    {
        if (Budget.InputTokens is { } maxInput && input > maxInput)
        {
            return BudgetLimit.InputTokens;
        }

        if (Budget.OutputTokens is { } maxOutput && output > maxOutput)
        {
            return BudgetLimit.OutputTokens;
        }

        if (Budget.TotalTokens is { } maxTotal && input + output > maxTotal)
        {
            return BudgetLimit.TotalTokens;
        }

        if (Budget.CostUsd is { } maxCost && cost > maxCost)
        {
            return BudgetLimit.Cost;
        }

        return null;
    }

    private string Describe(BudgetLimit limit, string what) => limit switch
    {
        BudgetLimit.InputTokens => Format($"The budget of {Budget.InputTokens} input tokens would be passed by {what}; raise budget.inputTokens or send less context."),
        BudgetLimit.OutputTokens => Format($"The budget of {Budget.OutputTokens} output tokens was reached by {what}; the stream was stopped. Raise budget.outputTokens or ask for a shorter output."),
        BudgetLimit.TotalTokens => Format($"The budget of {Budget.TotalTokens} total tokens was reached by {what}; the stream was stopped. Raise budget.totalTokens."),
        _ => Format($"The budget of {Budget.CostUsd} USD was reached by {what}; the stream was stopped. Raise budget.costUsd or use a cheaper model."),
    };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One model call's tokens: estimated while it streams, the provider's once reported.</summary>
    internal sealed class CallMeter
    {
        private readonly BudgetMeter _meter;
        private readonly ModelPrice? _price;
        private long _input;
        private long _output;
        private bool _reported;
        private bool _committed;

        public CallMeter(BudgetMeter meter, string model, long promptTokens, ModelPrice? price)
        {
            _meter = meter;
            Model = model;
            _price = price;
            _input = promptTokens;
        }

        public string Model { get; }

        public decimal Cost => _price is { } price ? price.CostOf(_input, _output) : 0m;

        /// <summary>Counts one update of the stream and checks the limits.</summary>
        /// <param name="update">The update.</param>
        /// <exception cref="BudgetExhaustedException">A limit is passed: stop reading.</exception>
        public void Count(ChatResponseUpdate update)
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent { Details: var details })
                {
                    // The provider's figures, for the whole call, replace the estimate.
                    _input = details.InputTokenCount ?? _input;
                    _output = details.OutputTokenCount ?? _output;
                    _reported = details.InputTokenCount is not null && details.OutputTokenCount is not null;
                }
                else if (!_reported && content is TextContent or TextReasoningContent or FunctionCallContent)
                {
                    _output += TokenEstimate.Of(content);
                }
            }

            Check();
        }

        /// <summary>Adds a response's usage to a call that was not streamed through <see cref="Count"/>.</summary>
        public void Check()
        {
            lock (_meter._gate)
            {
                if (_meter.Exceeded(_meter._inputTokens + _input, _meter._outputTokens + _output, _meter._cost + Cost) is { } limit)
                {
                    Commit();
                    throw new BudgetExhaustedException(limit, _meter.Describe(limit, Format($"the stream of model '{Model}' ({_output} output tokens in this call{(_reported ? "" : ", estimated")})")));
                }
            }
        }

        /// <summary>Adds the call to the handoff's account; once.</summary>
        public void Commit()
        {
            lock (_meter._gate)
            {
                if (_committed)
                {
                    return;
                }

                _committed = true;
                _meter._inputTokens += _input;
                _meter._outputTokens += _output;
                _meter._estimated |= !_reported;
                if (_price is null)
                {
                    _meter._costKnown = false;
                }

                _meter._cost += Cost;
            }
        }
    }
}
