// store_out: computes out (seq2seq_attention.cell:51)
// one thread per element of [T, B, 192]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 192u * sizes.B * sizes.T) { return; }
  let i2 = id % 192u;
  let rest = id / 192u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var out_: f32;
  if (i2 < 64u) {
    let h_next = work_buf[260u * sizes.B * sizes.S + 72u * sizes.B + 344u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.B + i1) * 64u + i2 - 0u];
    out_ = h_next;
  } else {
    let context = work_buf[260u * sizes.B * sizes.S + 8u * sizes.B + 216u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2 - 64u];
    out_ = context;
  }
  work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.B + i1) * 192u + i2] = out_;
}
