// store_attentional: computes attentional (attention_luong.cell:32)
// one thread per element of [T, B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B * sizes.T) { return; }
  let i2 = id % 16u;
  let rest = id / 16u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul33 = work_buf[56u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 68u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 16u + i2];
  let attentional = tanh_safe(matmul33);
  work_buf[8u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 36u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 16u + i2] = attentional;
}
