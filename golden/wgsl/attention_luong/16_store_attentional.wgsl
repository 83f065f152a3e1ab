// store_attentional: computes attentional (attention_luong.cell:32)
// one thread per four elements along the last axis of [T, B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B * sizes.T) { return; }
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul33 = work_buf[14u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 33u * sizes.B + sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 4u + i2];
  let attentional = tanh_safe4(matmul33);
  work_buf[2u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 25u * sizes.B + sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 4u + i2] = attentional;
}
