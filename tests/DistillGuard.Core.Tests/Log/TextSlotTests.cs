using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class TextSlotTests
{
    [Fact]
    public void Copy_ThenText_MakesTheStringOnceAndKeepsIt()
    {
        var slot = new TextSlot();
        slot.Copy("hello");

        Assert.Equal("hello", slot.Span.ToString());
        var text = slot.Text;
        Assert.Equal("hello", text);
        Assert.Same(text, slot.Text);
    }

    [Fact]
    public void Text_SetByCaller_IsWhatTheSpanShowsAndNullIsEmpty()
    {
        var slot = new TextSlot();
        slot.Copy("from a reader");
        slot.Text = "assigned";
        Assert.Equal("assigned", slot.Span.ToString());

        slot.Text = null;
        Assert.Null(slot.Text);
        Assert.True(slot.Span.IsEmpty);
    }

    [Fact]
    public void Clear_ShortBufferIsReused_LongOneIsLetGo()
    {
        var slot = new TextSlot();
        slot.Copy(new string('a', 100));
        ref var shortBuffer = ref MemoryMarshal.GetReference(slot.Reserve(1));
        slot.Text = null;
        Assert.True(Unsafe.AreSame(ref shortBuffer, ref MemoryMarshal.GetReference(slot.Reserve(1))), "a short buffer is kept for the next record");

        slot.Copy(new string('b', TextSlot.RetainedChars + 1));
        ref var longBuffer = ref MemoryMarshal.GetReference(slot.Reserve(1));
        slot.Text = null;
        Assert.False(Unsafe.AreSame(ref longBuffer, ref MemoryMarshal.GetReference(slot.Reserve(1))), "a buffer past the retained size is dropped when the slot is cleared");
    }
}
