using System;
using System.Collections.Generic;

namespace SkillRt.Schemas;

/// <summary>
/// The properties and items of one value that a schema has evaluated, which is what
/// <c>unevaluatedProperties</c> and <c>unevaluatedItems</c> look at. Collected only under a schema
/// that has one of those keywords; a subschema's set is merged into its parent's only when the
/// subschema passed, as JSON Schema drops the annotations of failing schemas.
/// </summary>
internal sealed class SchemaAnnotations
{
    private HashSet<string>? _properties;
    private HashSet<int>? _items;
    private bool _allProperties;
    private bool _allItems;
    private int _prefixItems;

    public void AddProperty(string name) => (_properties ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public void AddAllProperties() => _allProperties = true;

    public void AddItem(int index) => (_items ??= []).Add(index);

    /// <summary>Items 0 to <paramref name="count"/> - 1 were evaluated (<c>prefixItems</c>).</summary>
    public void AddPrefix(int count) => _prefixItems = Math.Max(_prefixItems, count);

    public void AddAllItems() => _allItems = true;

    public bool HasProperty(string name) => _allProperties || _properties is not null && _properties.Contains(name);

    public bool HasItem(int index) => _allItems || index < _prefixItems || _items is not null && _items.Contains(index);

    public void Merge(SchemaAnnotations other)
    {
        _allProperties |= other._allProperties;
        _allItems |= other._allItems;
        _prefixItems = Math.Max(_prefixItems, other._prefixItems);
        if (other._properties is not null)
        {
            (_properties ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other._properties);
        }

        if (other._items is not null)
        {
            (_items ??= []).UnionWith(other._items);
        }
    }
}
